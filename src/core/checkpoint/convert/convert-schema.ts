/** The `infolens.checkpoint-convert/1` report of `checkpoint convert` (schemas/checkpoint-convert.schema.json). */
import {type Static, Type} from '@sinclair/typebox'
import {Enum, Nullable} from '../../report/json-schema.js'
import {ReportSchema} from '../../report/envelope-schema.js'

const FORMATS = ['safetensors', 'gguf', 'pytorch', 'onnx', 'tfjs'] as const

export const ConvertedTensorSchema = Type.Object(
  {
    name: Type.String({description: 'Name in the output.'}),
    source: Type.String({description: 'Name in the input (differs under --hf-names where the map has one).'}),
    dtypeIn: Type.String({description: "The input's stored type (F32, BF16, Q4_K, U8_AFFINE, …)."}),
    dtypeOut: Type.String({description: 'The safetensors type written.'}),
    kind: Enum(['kept', 'widened', 'dequantized', 'cast', 'integer'], {
      description:
        'kept: same type; widened: exact conversion to F32 (F8); dequantized: quantized/affine → F32; cast: --dtype; integer: copied.',
    }),
    shape: Type.Array(Type.Integer({minimum: 0})),
    roundedValues: Type.Integer({
      minimum: 0,
      description: 'Values the output type could not hold exactly (rounded or overflowed); 0 unless cast.',
    }),
    unpermutedHeads: Nullable(
      Type.Integer({
        minimum: 1,
        description: "Heads llama.cpp's q/k rotary row permutation was undone with (GGUF llama, --hf-names).",
      }),
    ),
  },
  {additionalProperties: false},
)

export const CheckpointConvertResultSchema = Type.Object(
  {
    source: Type.Object({path: Type.String(), format: Enum(FORMATS)}, {additionalProperties: false}),
    output: Type.Object(
      {
        files: Type.Array(Type.String(), {minItems: 1, description: 'The safetensors file, or its shards in order.'}),
        index: Nullable(Type.String({description: 'model.safetensors.index.json when sharded (--max-shard-size).'})),
      },
      {additionalProperties: false},
    ),
    options: Type.Object(
      {
        hfNames: Type.Boolean(),
        dtype: Enum(['f32', 'f16', 'bf16', null], {description: '--dtype, null when not forced.'}),
        maxShardBytes: Nullable(Type.Integer({minimum: 1})),
      },
      {additionalProperties: false},
    ),
    tensors: Type.Array(ConvertedTensorSchema, {description: 'In the order written (natural order of the input).'}),
    totals: Type.Object(
      {
        tensors: Type.Integer({minimum: 0}),
        bytes: Type.Integer({minimum: 0, description: 'Tensor bytes written (headers excluded).'}),
        renamed: Type.Integer({minimum: 0}),
        dequantized: Type.Integer({minimum: 0}),
        unpermuted: Type.Integer({minimum: 0}),
        castsThatRounded: Type.Integer({minimum: 0, description: 'Tensors with roundedValues > 0.'}),
      },
      {additionalProperties: false},
    ),
  },
  {additionalProperties: false},
)

export type CheckpointConvertResult = Static<typeof CheckpointConvertResultSchema>
export type ConvertedTensor = Static<typeof ConvertedTensorSchema>

export const CheckpointConvertReportSchema = ReportSchema({
  $id: 'checkpoint-convert.schema.json',
  title: 'infolens checkpoint convert report',
  schema: 'infolens.checkpoint-convert/1',
  result: CheckpointConvertResultSchema,
})
