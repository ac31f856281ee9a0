/** The report of `uq generate` (schemas/uq-generate.schema.json). */
import {Type} from '@sinclair/typebox'
import {Enum, OneOf} from '../../../core/report/json-schema.js'
import {ReportSchema} from '../../../core/report/envelope-schema.js'

export const UqGenerateResultSchema = Type.Object({
  output: Type.String({description: 'the inv-entropy/v1 JSONL file written'}),
  items: Type.Integer({minimum: 0}),
  inputs: Type.Object(
    {min: Type.Integer({minimum: 0}), max: Type.Integer({minimum: 0})},
    {description: 'inputs per item (original + perturbations)'},
  ),
  perturbations: Type.Object({
    fromFile: Type.Integer({minimum: 0, description: 'items whose perturbations came from the questions file'}),
    paraphrased: Type.Integer({minimum: 0, description: 'items paraphrased by the endpoint'}),
    duplicated: Type.Integer({
      minimum: 0,
      description: 'items whose paraphrase list was shorter than asked and completed by seeded duplication',
    }),
  }),
  judge: OneOf([
    Type.Null(),
    Type.Object({
      labelled: Type.Integer({minimum: 0}),
      correct: Type.Integer({minimum: 0}),
      unlabelled: Type.Integer({minimum: 0}),
    }),
  ]),
  embeddings: OneOf([
    Type.Null(),
    Type.Object({model: Type.String(), dim: Type.Integer({minimum: -1}), texts: Type.Integer({minimum: 0})}),
  ]),
  requests: Type.Object({
    attempts: Type.Integer({minimum: 0}),
    retries: Type.Integer({minimum: 0}),
    promptTokens: Type.Integer({minimum: 0}),
    completionTokens: Type.Integer({minimum: 0}),
  }),
})

export const UqGenerateOptionsSchema = Type.Object({
  endpoint: Type.String(),
  model: Type.String(),
  apiKeyEnv: Type.String(),
  apiKeySet: Type.Boolean(),
  perturbations: Type.Integer({minimum: 1}),
  responses: Type.Integer({minimum: 1}),
  temperatures: Type.Array(Type.Number({minimum: 0}), {minItems: 1}),
  concurrency: Type.Integer({minimum: 1}),
  retries: Type.Integer({minimum: 0}),
  timeoutSeconds: Type.Number({exclusiveMinimum: 0}),
  embedder: Enum(['none', 'openai']),
})

export const UqGenerateReportSchema = ReportSchema({
  $id: 'uq-generate.schema.json',
  title: 'infolens uq generate report',
  description:
    'What uq generate wrote (an inv-entropy/v1 JSONL file) and what it cost. options records the endpoint, model and the NAME of the API-key variable, never the key.',
  schema: 'infolens.uq.generate/1',
  options: UqGenerateOptionsSchema,
  result: UqGenerateResultSchema,
})
