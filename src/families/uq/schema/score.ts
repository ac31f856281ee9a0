/** The `infolens.uq/1` report of `uq score` (schemas/uq.schema.json); its `skipped` definition is shared by evaluate and tsu. */
import {Type} from '@sinclair/typebox'
import {Def, Enum, Nullable} from '../../../core/report/json-schema.js'
import {ReportSchema} from '../../../core/report/envelope-schema.js'

export const UqScoreNullableNumberSchema = Nullable(Type.Number())

export const UqScoreSkippedSchema = Type.Object({
  count: Type.Integer({minimum: 0}),
  lines: Type.Array(Type.Object({line: Type.Integer({minimum: 1}), field: Type.String(), message: Type.String()})),
})

export const UqScoreResultSchema = Type.Object({
  items: Type.Integer({minimum: 0}),
  measures: Type.Array(Type.String()),
  skipped: Def('skipped', UqScoreSkippedSchema),
  rows: Type.Array(
    Type.Object({
      id: Type.String(),
      line: Type.Integer({minimum: 1}),
      run: Type.Integer({minimum: 0}),
      temperature: Type.Number(),
      correct: Type.Optional(Enum([0, 1])),
      draws: Type.Integer({minimum: 1}),
      inv_entropy: Type.Number({minimum: 0}),
      ni_entropy: Type.Number({minimum: 0}),
      wd_px_py: Type.Number({minimum: 0}),
      max_py_given_x: Type.Number({minimum: 0, maximum: 1}),
      max_py: Type.Number({minimum: 0, maximum: 1}),
      nr_inv_entropy: Type.Number({minimum: 0}),
      degmat: Type.Optional(Def('nullableNumber', UqScoreNullableNumberSchema)),
      eigv: Type.Optional(Def('nullableNumber', UqScoreNullableNumberSchema)),
      eccentricity: Type.Optional(Def('nullableNumber', UqScoreNullableNumberSchema)),
      kernel_entropy: Type.Optional(Def('nullableNumber', UqScoreNullableNumberSchema)),
      kle: Type.Optional(Def('nullableNumber', UqScoreNullableNumberSchema)),
      lexsim: Type.Optional(Def('nullableNumber', UqScoreNullableNumberSchema)),
      num_sets: Type.Optional(Nullable(Type.Integer({minimum: 1}))),
      semantic_entropy_approx: Type.Optional(Def('nullableNumber', UqScoreNullableNumberSchema)),
      p_true: Type.Optional(Def('nullableNumber', UqScoreNullableNumberSchema)),
      verbalized: Type.Optional(Def('nullableNumber', UqScoreNullableNumberSchema)),
    }),
    {description: 'one row per item and run (temperature)'},
  ),
})

export const UqScoreOptionsSchema = Type.Object({
  similarity: Enum(['abs-cos', 'shifted-cos', 'precomputed']),
  embedder: Enum(['input', 'lexical']),
  draws: Type.Integer({minimum: 1}),
  uniqueDraws: Type.Boolean(),
  seed: Type.Integer(),
  baselines: Type.Boolean(),
  baselineResponses: Enum(['original', 'pooled']),
})

export const UqScoreReportSchema = ReportSchema({
  $id: 'uq.schema.json',
  title: 'infolens uq score report',
  schema: 'infolens.uq/1',
  definitions: {nullableNumber: UqScoreNullableNumberSchema, skipped: UqScoreSkippedSchema},
  seed: Type.Integer(),
  options: UqScoreOptionsSchema,
  result: UqScoreResultSchema,
})
