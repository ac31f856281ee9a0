/** The `infolens.demo/1` report of `demo checkpoint` (schemas/demo.schema.json). */
import {Type} from '@sinclair/typebox'
import {Enum} from '../report/json-schema.js'
import {ReportSchema} from '../report/envelope-schema.js'

export const DemoFileSchema = Type.Object(
  {
    path: Type.String(),
    dtype: Enum(['F32', 'BF16', 'F16']),
    tensors: Type.Integer({minimum: 1}),
    bytes: Type.Integer({minimum: 1}),
    role: Enum(['file', 'shard', 'index'], {description: "A standalone file, one shard, or the shards' index."}),
  },
  {additionalProperties: false},
)

export const DemoCheckpointResultSchema = Type.Object(
  {
    directory: Type.String(),
    seed: Type.Integer({minimum: 0}),
    tensors: Type.Integer({minimum: 1}),
    parameters: Type.Integer({minimum: 1}),
    files: Type.Array(DemoFileSchema, {minItems: 1}),
  },
  {additionalProperties: false},
)

export const DemoCheckpointReportSchema = ReportSchema({
  $id: 'demo.schema.json',
  title: 'infolens demo checkpoint report',
  schema: 'infolens.demo/1',
  required: ['seed'],
  result: DemoCheckpointResultSchema,
})
