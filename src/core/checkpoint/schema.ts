/** The `infolens.checkpoint/1` report of `checkpoint inspect` (schemas/checkpoint.schema.json). */
import {Type} from '@sinclair/typebox'
import {Enum, MapOf, Nullable} from '../report/json-schema.js'
import {ReportSchema} from '../report/envelope-schema.js'

export const CheckpointResultSchema = Type.Object(
  {
    format: Enum(['safetensors', 'gguf', 'pytorch', 'onnx', 'tfjs'], {
      description: 'The format the checkpoint was read as.',
    }),
    source: Type.Object(
      {
        path: Type.String({description: 'The checkpoint path as given.'}),
        kind: Enum(['file', 'directory', 'index']),
        index: Nullable(
          Type.String({
            description: 'The index or manifest used (model.safetensors.index.json, TF.js model.json), if any.',
          }),
        ),
      },
      {additionalProperties: false},
    ),
    files: Type.Array(
      Type.Object(
        {
          path: Type.String(),
          bytes: Type.Integer({minimum: 0}),
          headerBytes: Type.Integer({
            minimum: 0,
            description:
              "Bytes that are not tensor data: safetensors' JSON header length N; the aligned GGUF header; an ONNX model less its raw_data; 0 for data-only files (ONNX external data, TF.js shards).",
          }),
          tensors: Type.Integer({minimum: 0, description: 'Tensors whose data is (or starts) in this file.'}),
        },
        {additionalProperties: false},
      ),
      {minItems: 1},
    ),
    metadata: MapOf(Type.String(), {
      description: "The files' string metadata, merged (safetensors __metadata__; GGUF key/values, arrays summarised).",
    }),
    filter: Nullable(Type.String()),
    tensors: Type.Array(
      Type.Object(
        {
          name: Type.String(),
          dtype: Type.String({
            pattern: '^[A-Z][A-Z0-9_]*$',
            description:
              "The stored element type: the safetensors name (F32, BF16, I64, …) where one exists, else the format's own (ggml Q4_K, Q8_0, IQ2_XS; U8_AFFINE, STRING, C64, …).",
          }),
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
        quantizedDtypes: Type.Array(Type.String(), {
          description:
            'Block-quantized or affine types present (Q4_K, Q8_0, U8_AFFINE); empty for plain float checkpoints.',
        }),
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
