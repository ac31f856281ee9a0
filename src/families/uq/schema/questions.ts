/** The `inv-entropy-questions/v1` questions format, one JSON object per JSONL line (schemas/uq-questions.schema.json). */
import {Type} from '@sinclair/typebox'
import {Const, Enum} from '../../../core/report/json-schema.js'

export const UqQuestionsSchema = Type.Object(
  {
    schema: Type.Optional(Const('inv-entropy-questions/v1')),
    id: Type.Unsafe<string | number>({type: ['string', 'integer'], minLength: 1}),
    question: Type.String({minLength: 1}),
    reference: Type.Optional(Type.String({description: 'gold answer (enables uq generate --judge)'})),
    correct: Type.Optional(Enum([0, 1], {description: '0/1 label, copied to the generated item'})),
    perturbations: Type.Optional(
      Type.Array(Type.String({minLength: 1}), {minItems: 1, description: 'perturbed versions of the question'}),
    ),
    perturbationKind: Type.Optional(
      Type.String({description: 'how the perturbations were made (gaap, paraphrase, ...); informational'}),
    ),
  },
  {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'uq-questions.schema.json',
    title: 'infolens uq questions (inv-entropy-questions/v1), one JSON object per line of a JSONL file',
    description:
      'Input of uq perturb and uq generate, output of uq perturb: a question, its optional gold answer and label, and optional perturbations (paraphrases or GAAP outputs) that uq generate then uses instead of asking the endpoint for paraphrases.',
  },
)
