/** The report of `uq tsu` (schemas/uq-tsu.schema.json). */
import {Type} from '@sinclair/typebox'
import {Def, Nullable, Ref} from '../../../core/report/json-schema.js'
import {ReportSchema} from '../../../core/report/envelope-schema.js'
import {UqScoreSkippedSchema} from './score.js'

export const UqTsuTsuSchema = Type.Object({
  temperatures: Type.Array(Type.Number(), {minItems: 1}),
  tsu: Nullable(Type.Number({minimum: 0, maximum: 100})),
  items: Type.Integer({minimum: 0}),
})

export const UqTsuResultSchema = Type.Object({
  items: Type.Integer({minimum: 0}),
  temperatures: Type.Array(Type.Number()),
  skipped: Ref('uq.schema.json#/definitions/skipped', UqScoreSkippedSchema),
  measures: Type.Array(
    Type.Object({
      measure: Type.String(),
      all: Def('tsu', UqTsuTsuSchema),
      pairs: Type.Array(Def('tsu', UqTsuTsuSchema)),
    }),
  ),
})

export const UqTsuReportSchema = ReportSchema({
  $id: 'uq-tsu.schema.json',
  title: 'infolens uq tsu report',
  schema: 'infolens.uq.tsu/1',
  definitions: {tsu: UqTsuTsuSchema},
  result: UqTsuResultSchema,
})
