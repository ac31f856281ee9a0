/** The `inv-entropy/v1` input item, one JSON object per JSONL line (schemas/uq-input.schema.json). */
import {Type} from '@sinclair/typebox'
import {AnyObject, Const, Def, Enum} from '../../../core/report/json-schema.js'

export const UqInputVectorSchema = Type.Array(Type.Number(), {minItems: 1})

/** A row of a binary side-car instead of inline numbers (docs/uq.md, "Binary side-car"). */
export const UqInputEmbeddingRowSchema = Type.Object(
  {
    npy: Type.String({
      minLength: 1,
      description: '.npy file (2-D, <f8 or <f4, C order), relative to the JSONL file or absolute',
    }),
    row: Type.Integer({minimum: 0, description: '0-based row of the .npy array holding this embedding'}),
  },
  {additionalProperties: false},
)

/** An embedding: the numbers inline, or a reference to a row of a .npy side-car. */
export const UqInputEmbeddingSchema = Type.Union([
  Def('vector', UqInputVectorSchema),
  Def('npyRow', UqInputEmbeddingRowSchema),
])

export const UqInputMatrixSchema = Type.Array(Type.Array(Type.Number(), {minItems: 1}), {minItems: 1})

export const UqInputResponseSchema = Type.Object({
  text: Type.String(),
  embedding: Type.Optional(UqInputEmbeddingSchema),
})

export const UqInputInputSchema = Type.Object({
  text: Type.String(),
  kind: Type.Optional(Type.String({description: 'original | paraphrase | gaap | ... (informational)'})),
  embedding: Type.Optional(UqInputEmbeddingSchema),
  responses: Type.Array(Def('response', UqInputResponseSchema), {minItems: 1}),
})

export const UqInputRunSchema = Type.Object({
  temperature: Type.Number({minimum: 0}),
  inputs: Type.Array(Def('input', UqInputInputSchema), {minItems: 2}),
  inputSimilarity: Type.Optional(
    Def('matrix', UqInputMatrixSchema, {description: '(n+1)x(n+1) similarity of the inputs; overrides embeddings'}),
  ),
  responseSimilarity: Type.Optional(
    Def('matrix', UqInputMatrixSchema, {
      description: 'MxM similarity of all responses flattened in input order; overrides embeddings',
    }),
  ),
  verbalizedConfidence: Type.Optional(Type.Number({minimum: 0, maximum: 1})),
  pTrue: Type.Optional(Type.Number({minimum: 0, maximum: 1})),
})

export const UqInputSchema = Type.Object(
  {
    schema: Type.Optional(Const('inv-entropy/v1')),
    id: Type.Unsafe<string | number>({type: ['string', 'integer'], minLength: 1}),
    reference: Type.Optional(Type.String({description: 'gold answer (optional)'})),
    correct: Type.Optional(Enum([0, 1], {description: '0/1 correctness label of the answer (needed by uq evaluate)'})),
    answer: Type.Optional(Type.String({description: 'the answer the label refers to (optional)'})),
    embedding: Type.Optional(
      AnyObject({description: 'provenance of the embeddings (model name, normalisation); informational'}),
    ),
    runs: Type.Array(Def('run', UqInputRunSchema), {minItems: 1, maxItems: 1024}),
  },
  {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'uq-input.schema.json',
    title: 'infolens uq input item (inv-entropy/v1), one JSON object per line of a JSONL file',
    description:
      'One question: the original and its perturbations (inputs[0] = original), each with replicated responses, for one or more sampling temperatures (runs). Embeddings or precomputed similarity matrices drive the scores.',
    definitions: {
      vector: UqInputVectorSchema,
      npyRow: UqInputEmbeddingRowSchema,
      matrix: UqInputMatrixSchema,
      response: UqInputResponseSchema,
      input: UqInputInputSchema,
      run: UqInputRunSchema,
    },
  },
)
