/**
 * Every JSON Schema committed in schemas/, by file name, built from its TypeBox source. The files are
 * generated: `npm run schemas` (scripts/build-schemas.ts) writes them and test/report-schemas.test.ts fails
 * when a committed file differs from what these sources generate.
 */
import type {TSchema} from '@sinclair/typebox'
import {CheckpointReportSchema} from './core/checkpoint/schema.js'
import {CheckpointConvertReportSchema} from './core/checkpoint/convert/convert-schema.js'
import {DemoCheckpointReportSchema} from './core/checkpoint/demo-schema.js'
import {NetcdfReportSchema} from './core/netcdf/schema.js'
import {DoctorReportSchema} from './core/report/doctor-schema.js'
import {EnvelopeSchema} from './core/report/envelope-schema.js'
import {CreditBinReportSchema} from './families/credit/schema/bin.js'
import {CreditCountsReportSchema} from './families/credit/schema/counts.js'
import {CreditFairnessReportSchema} from './families/credit/schema/fairness.js'
import {CreditPsiReportSchema} from './families/credit/schema/psi.js'
import {CreditScoreReportSchema} from './families/credit/schema/score.js'
import {CreditScorecardReportSchema} from './families/credit/schema/scorecard.js'
import {CreditSqlReportSchema} from './families/credit/schema/sql.js'
import {KappaReportSchema} from './families/kappa/schema.js'
import {SchoolReportSchema} from './families/school/schema.js'
import {SpectralReportSchema} from './families/spectral/schema.js'
import {UqDemoReportSchema} from './families/uq/schema/demo.js'
import {UqEvaluateReportSchema} from './families/uq/schema/evaluate.js'
import {UqGenerateReportSchema} from './families/uq/schema/generate.js'
import {UqInputSchema} from './families/uq/schema/input.js'
import {UqPerturbReportSchema} from './families/uq/schema/perturb.js'
import {UqQuestionsSchema} from './families/uq/schema/questions.js'
import {UqScoreReportSchema} from './families/uq/schema/score.js'
import {UqTsuReportSchema} from './families/uq/schema/tsu.js'

export const schemaDocuments: Readonly<Record<string, TSchema>> = {
  'checkpoint.schema.json': CheckpointReportSchema,
  'checkpoint-convert.schema.json': CheckpointConvertReportSchema,
  'credit-bin.schema.json': CreditBinReportSchema,
  'credit-counts.schema.json': CreditCountsReportSchema,
  'credit-fairness.schema.json': CreditFairnessReportSchema,
  'credit-psi.schema.json': CreditPsiReportSchema,
  'credit-score.schema.json': CreditScoreReportSchema,
  'credit-scorecard.schema.json': CreditScorecardReportSchema,
  'credit-sql.schema.json': CreditSqlReportSchema,
  'demo.schema.json': DemoCheckpointReportSchema,
  'doctor.schema.json': DoctorReportSchema,
  'envelope.schema.json': EnvelopeSchema,
  'kappa.schema.json': KappaReportSchema,
  'netcdf.schema.json': NetcdfReportSchema,
  'school.schema.json': SchoolReportSchema,
  'spectral.schema.json': SpectralReportSchema,
  'uq-demo.schema.json': UqDemoReportSchema,
  'uq-evaluate.schema.json': UqEvaluateReportSchema,
  'uq-generate.schema.json': UqGenerateReportSchema,
  'uq-input.schema.json': UqInputSchema,
  'uq-perturb.schema.json': UqPerturbReportSchema,
  'uq-questions.schema.json': UqQuestionsSchema,
  'uq.schema.json': UqScoreReportSchema,
  'uq-tsu.schema.json': UqTsuReportSchema,
}

const WIDTH = 120

/**
 * The text of a schema file: JSON with two-space indentation, where an object or array that fits on
 * one line within 120 columns stays on one line. TypeBox's symbol keys are not written.
 */
export function formatSchemaDocument(document: TSchema): string {
  return format(JSON.parse(JSON.stringify(document)), 0) + '\n'
}

function format(value: unknown, indent: number): string {
  const flat = JSON.stringify(value)
  if (value === null || typeof value !== 'object' || indent + flat.length <= WIDTH) return spaced(value)
  const pad = ' '.repeat(indent + 2)
  const close = ' '.repeat(indent)
  if (Array.isArray(value)) return `[\n${value.map((v) => pad + format(v, indent + 2)).join(',\n')}\n${close}]`
  const entries = Object.entries(value as Record<string, unknown>)
  if (entries.length === 0) return '{}'
  const body = entries.map(([k, v]) => `${pad}${JSON.stringify(k)}: ${format(v, indent + 2 + k.length + 4)}`)
  return `{\n${body.join(',\n')}\n${close}}`
}

/** One-line JSON with a space after `:` and `,`, as the hand-written files had. */
function spaced(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map(spaced).join(', ')}]`
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${JSON.stringify(k)}: ${spaced(v)}`)
    .join(', ')}}`
}
