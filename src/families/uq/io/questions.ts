/**
 * Reader for question files, the input of `uq perturb` and `uq generate`:
 * - JSONL `inv-entropy-questions/v1` (schemas/uq-questions.schema.json): `id`, `question`,
 *   optional `reference`, `correct`, `perturbations`;
 * - CSV with a header: `question` plus optional `id`, `reference` (or `value`, the column name of
 *   the released code's `inputfile.csv`), `correct`.
 * Questions files are small (one short text per question), so the whole file is read at once.
 * A bad line stops with `FILE:LINE: field: what was expected` (exit 2).
 */
import {readFileSync} from 'node:fs'
import {parse as parseCsv} from 'csv-parse/sync'
import Ajv, {type ValidateFunction} from 'ajv'
import {InputError} from '../../../core/errors.js'
import {nonFiniteField, nonFiniteMessage} from '../../../core/io/non-finite.js'

export interface UqQuestion {
  readonly id: string
  readonly question: string
  readonly reference?: string
  readonly correct?: 0 | 1
  readonly perturbations?: string[]
  readonly perturbationKind?: string
  /** 1-based line of the file. */
  readonly line: number
}

let validator: ValidateFunction | undefined
function questionValidator(): ValidateFunction {
  if (validator) return validator
  const schema = JSON.parse(
    readFileSync(new URL('../../../../schemas/uq-questions.schema.json', import.meta.url), 'utf8'),
  )
  validator = new (Ajv as unknown as typeof Ajv.default)({allErrors: false, strict: false}).compile(schema)
  return validator
}

function fieldOf(instancePath: string, missing?: unknown): string {
  const parts = instancePath.split('/').slice(1)
  if (missing !== undefined) parts.push(String(missing))
  return parts.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '(item)'
}

function fromJsonLine(text: string, at: string, line: number): UqQuestion {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    throw new InputError(`expected one JSON object per line: ${(error as Error).message}`, {file: at, field: '(json)'})
  }
  const overflow = nonFiniteField(raw)
  if (overflow !== undefined) throw new InputError(nonFiniteMessage(text), {file: at, field: overflow})
  const validate = questionValidator()
  if (!validate(raw)) {
    const e = validate.errors![0]
    const p = e.params as {missingProperty?: string; type?: string}
    const what =
      e.keyword === 'required'
        ? 'required field is missing'
        : e.keyword === 'type'
          ? `expected ${p.type}`
          : `expected a value that ${e.message}`
    throw new InputError(what, {file: at, field: fieldOf(e.instancePath, p.missingProperty)})
  }
  const q = raw as Omit<UqQuestion, 'line' | 'id'> & {id: string | number}
  return {...q, id: String(q.id), line}
}

function fromCsv(path: string, text: string): UqQuestion[] {
  const rows = parseCsv(text, {columns: true, skip_empty_lines: true, bom: true, relax_column_count: false}) as Record<
    string,
    string
  >[]
  return rows.map((row, k) => {
    const line = k + 2
    const at = `${path}:${line}`
    const question = row.question?.trim()
    if (!question)
      throw new InputError('expected a non-empty question (CSV header needs a `question` column)', {
        file: at,
        field: 'question',
      })
    const reference = row.reference ?? row.value
    const correct = row.correct === undefined || row.correct === '' ? undefined : Number(row.correct)
    if (correct !== undefined && correct !== 0 && correct !== 1)
      throw new InputError('expected 0, 1 or empty', {file: at, field: 'correct'})
    return {
      id: row.id?.trim() || String(k),
      question,
      ...(reference ? {reference} : {}),
      ...(correct === undefined ? {} : {correct: correct as 0 | 1}),
      line,
    }
  })
}

/** All questions of `path` (JSONL, or CSV when the name ends in .csv), ids unique. */
export function readUqQuestions(path: string): UqQuestion[] {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new InputError(`cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
      file: path,
    })
  }
  const questions = path.toLowerCase().endsWith('.csv')
    ? fromCsv(path, text)
    : text.split('\n').flatMap((t, k) => (t.trim() === '' ? [] : [fromJsonLine(t, `${path}:${k + 1}`, k + 1)]))
  const seen = new Set<string>()
  for (const q of questions) {
    if (seen.has(q.id))
      throw new InputError(`expected a unique id, "${q.id}" appeared on an earlier line`, {
        file: `${path}:${q.line}`,
        field: 'id',
      })
    seen.add(q.id)
  }
  if (questions.length === 0) throw new InputError('expected at least one question', {file: path, field: '(file)'})
  return questions
}
