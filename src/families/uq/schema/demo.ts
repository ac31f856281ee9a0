/** The report of `demo uq` (schemas/uq-demo.schema.json). */
import {Type} from '@sinclair/typebox'
import {AnyObject} from '../../../core/report/json-schema.js'
import {ReportSchema} from '../../../core/report/envelope-schema.js'

export const UqDemoResultSchema = Type.Object({
  files: Type.Array(
    Type.Object({path: Type.String(), items: Type.Integer({minimum: 1}), temperatures: Type.Array(Type.Number())}),
  ),
  options: AnyObject(),
})

export const UqDemoReportSchema = ReportSchema({
  $id: 'uq-demo.schema.json',
  title: 'infolens demo uq report',
  schema: 'infolens.uq.demo/1',
  result: UqDemoResultSchema,
})
