/** The `infolens.checkpoint/1` report of `checkpoint inspect` (schemas/checkpoint.schema.json). */
import {Type} from '@sinclair/typebox'
import {Enum, MapOf, Nullable} from '../report/json-schema.js'
import {ReportSchema} from '../report/envelope-schema.js'

export const CheckpointResultSchema = Type.Object(
  {
    source: Type.Object(
      {
        path: Type.String({description: 'The checkpoint path as given.'}),
        kind: Enum(['file', 'directory', 'index']),
        index: Nullable(Type.String({description: 'The model.safetensors.index.json used, if any.'})),
      },
      {additionalProperties: false},
    ),
    files: Type.Array(
      Type.Object(
        {
          path: Type.String(),
          bytes: Type.Integer({minimum: 8}),
          headerBytes: Type.Integer({minimum: 2, description: 'N, the JSON header length.'}),
          tensors: Type.Integer({minimum: 0, description: "Tensors in this file's header."}),
        },
        {additionalProperties: false},
      ),
      {minItems: 1},
    ),
    metadata: MapOf(Type.String(), {description: '__metadata__ of the shards, merged.'}),
    filter: Nullable(Type.String()),
    tensors: Type.Array(
      Type.Object(
        {
          name: Type.String(),
          dtype: Enum([
            'BOOL',
            'U8',
            'I8',
            'F8_E5M2',
            'F8_E4M3',
            'I16',
            'U16',
            'F16',
            'BF16',
            'I32',
            'U32',
            'F32',
            'F64',
            'I64',
            'U64',
          ]),
          shape: Type.Array(Type.Integer({minimum: 0})),
          parameters: Type.Integer({minimum: 0, description: 'Product of the shape (1 for a scalar).'}),
          bytes: Type.Integer({minimum: 0}),
          shard: Type.String({description: 'File holding the tensor, relative to the checkpoint directory.'}),
        },
        {additionalProperties: false},
      ),
      {description: 'In natural name order (layer 2 before layer 10).'},
    ),
    totals: Type.Object(
      {
        tensors: Type.Integer({minimum: 0}),
        parameters: Type.Integer({minimum: 0}),
        bytes: Type.Integer({minimum: 0}),
        files: Type.Integer({minimum: 1}),
        parametersByDtype: MapOf(Type.Integer({minimum: 0})),
        bytesByDtype: MapOf(Type.Integer({minimum: 0})),
      },
      {additionalProperties: false},
    ),
  },
  {additionalProperties: false},
)

export const CheckpointReportSchema = ReportSchema({
  $id: 'checkpoint.schema.json',
  title: 'infolens checkpoint inspect report',
  schema: 'infolens.checkpoint/1',
  result: CheckpointResultSchema,
})
