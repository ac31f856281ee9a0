/**
 * Reader for `inv-entropy/v1` JSONL files (one question per line, schemas/uq-input.schema.json).
 * Streams the file line by line (10k items never sit in memory together), validates each line
 * with ajv against the committed JSON Schema plus the checks a schema cannot express (matrix
 * sizes, consistent embedding dimensions, unique ids), and reports a bad line as
 * `FILE:LINE: field.path: what was expected`. With `skipBad` a bad line is recorded and counted
 * instead of stopping the run; nothing is dropped silently. Blank lines are ignored.
 */
import {createReadStream, readFileSync} from 'node:fs'
import {createInterface} from 'node:readline'
import Ajv, {type ErrorObject, type ValidateFunction} from 'ajv'
import {InputError} from '../../../core/errors.js'
import {nonFiniteField, nonFiniteMessage} from '../../../core/io/non-finite.js'

export interface UqResponse {
  readonly text: string
  readonly embedding?: number[]
}
export interface UqInput {
  readonly text: string
  readonly kind?: string
  readonly embedding?: number[]
  readonly responses: UqResponse[]
}
export interface UqRun {
  readonly temperature: number
  readonly inputs: UqInput[]
  readonly inputSimilarity?: number[][]
  readonly responseSimilarity?: number[][]
  readonly verbalizedConfidence?: number
  readonly pTrue?: number
}
export interface UqItem {
  readonly id: string
  readonly reference?: string
  readonly correct?: 0 | 1
  readonly answer?: string
  readonly runs: UqRun[]
}

/** A validated item with its 1-based line number. */
export interface UqLine {
  readonly line: number
  readonly item: UqItem
  /** Bytes of the file read so far (read-ahead included; for progress display). */
  readonly bytesRead: number
}

/** A rejected line (only surfaced with skipBad). */
export interface UqBadLine {
  readonly line: number
  readonly field: string
  readonly message: string
}

export interface UqReadOptions {
  /** Record bad lines in `bad` and continue instead of throwing. */
  readonly skipBad: boolean
  /** Every item must carry `correct` (uq evaluate). */
  readonly requireCorrect?: boolean
  /** Every run must carry inputSimilarity and responseSimilarity (--similarity precomputed). */
  readonly requireSimilarity?: boolean
  /** Every input and response must carry an embedding (--embedder input without precomputed similarity). */
  readonly requireEmbeddings?: boolean
  /** Receives each rejected line when skipBad is set. */
  readonly onBad?: (bad: UqBadLine) => void
}

let validator: ValidateFunction | undefined
function inputValidator(): ValidateFunction {
  if (validator) return validator
  const schema = JSON.parse(readFileSync(new URL('../../../../schemas/uq-input.schema.json', import.meta.url), 'utf8'))
  const ajv = new (Ajv as unknown as typeof Ajv.default)({allErrors: false, strict: false})
  validator = ajv.compile(schema)
  return validator
}

/** `/runs/0/inputs/1` → `runs[0].inputs[1]`. */
function fieldPath(pointer: string, extra?: string): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
  if (extra !== undefined) parts.push(extra)
  let out = ''
  for (const p of parts) out += /^\d+$/.test(p) ? `[${p}]` : out === '' ? p : `.${p}`
  return out === '' ? '(item)' : out
}

function describeAjvError(e: ErrorObject): [string, string] {
  const p = e.params as Record<string, unknown>
  switch (e.keyword) {
    case 'required':
      return [fieldPath(e.instancePath, String(p.missingProperty)), 'required field is missing']
    case 'type':
      return [fieldPath(e.instancePath), `expected ${String(p.type).replace(',', ' or ')}`]
    case 'minItems':
      return [fieldPath(e.instancePath), `expected at least ${String(p.limit)} item(s)`]
    case 'maxItems':
      return [fieldPath(e.instancePath), `expected at most ${String(p.limit)} item(s)`]
    case 'enum':
      return [
        fieldPath(e.instancePath),
        `expected one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      ]
    case 'const':
      return [fieldPath(e.instancePath), `expected ${JSON.stringify(p.allowedValue)}`]
    default:
      return [fieldPath(e.instancePath), `expected a value that ${e.message ?? 'matches the schema'}`]
  }
}

class LineProblem extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message)
  }
}

function checkSquare(m: number[][], size: number, field: string): void {
  if (m.length !== size) throw new LineProblem(field, `expected a ${size}x${size} matrix, got ${m.length} rows`)
  m.forEach((row, i) => {
    if (row.length !== size) throw new LineProblem(`${field}[${i}]`, `expected ${size} columns, got ${row.length}`)
  })
}

/** Checks a schema cannot express: sizes, dimensions, requirements of the chosen options. */
function checkRun(run: UqRun, r: number, o: UqReadOptions): void {
  const m = run.inputs.length
  const total = run.inputs.reduce((a, x) => a + x.responses.length, 0)
  const at = `runs[${r}]`
  if (run.inputSimilarity) checkSquare(run.inputSimilarity, m, `${at}.inputSimilarity`)
  if (run.responseSimilarity) checkSquare(run.responseSimilarity, total, `${at}.responseSimilarity`)
  if (o.requireSimilarity) {
    if (!run.inputSimilarity) throw new LineProblem(`${at}.inputSimilarity`, 'required with --similarity precomputed')
    if (!run.responseSimilarity)
      throw new LineProblem(`${at}.responseSimilarity`, 'required with --similarity precomputed')
  }
  let inputDim = -1
  let responseDim = -1
  run.inputs.forEach((x, i) => {
    const f = `${at}.inputs[${i}]`
    if (x.embedding) {
      if (inputDim >= 0 && x.embedding.length !== inputDim)
        throw new LineProblem(
          `${f}.embedding`,
          `expected ${inputDim} numbers like inputs[0], got ${x.embedding.length}`,
        )
      inputDim = x.embedding.length
    } else if (o.requireEmbeddings && !run.inputSimilarity) {
      throw new LineProblem(
        `${f}.embedding`,
        'expected an array of numbers (or use --embedder lexical, or give inputSimilarity)',
      )
    }
    x.responses.forEach((y, j) => {
      if (y.embedding) {
        if (responseDim >= 0 && y.embedding.length !== responseDim)
          throw new LineProblem(
            `${f}.responses[${j}].embedding`,
            `expected ${responseDim} numbers like the first response, got ${y.embedding.length}`,
          )
        responseDim = y.embedding.length
      } else if (o.requireEmbeddings && !run.responseSimilarity) {
        throw new LineProblem(
          `${f}.responses[${j}].embedding`,
          'expected an array of numbers (or use --embedder lexical, or give responseSimilarity)',
        )
      }
    })
  })
}

function parseLine(text: string, o: UqReadOptions, ids: Set<string>): UqItem {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    throw new LineProblem('(json)', `expected one JSON object per line: ${(error as Error).message}`)
  }
  const overflow = nonFiniteField(raw)
  if (overflow !== undefined) throw new LineProblem(overflow, nonFiniteMessage(text))
  const validate = inputValidator()
  if (!validate(raw)) {
    const [field, message] = describeAjvError(validate.errors![0])
    throw new LineProblem(field, message)
  }
  const obj = raw as UqItem & {id: string | number}
  const item: UqItem = {...obj, id: String(obj.id)}
  if (ids.has(item.id)) throw new LineProblem('id', `expected a unique id, "${item.id}" appeared on an earlier line`)
  if (o.requireCorrect && item.correct === undefined)
    throw new LineProblem('correct', 'required by uq evaluate (0 or 1)')
  item.runs.forEach((run, r) => checkRun(run, r, o))
  ids.add(item.id)
  return item
}

/** Streams the validated items of `path`. Throws InputError on the first bad line unless skipBad. */
export async function* readUqItems(path: string, options: UqReadOptions): AsyncGenerator<UqLine> {
  let stream
  try {
    stream = createReadStream(path, {encoding: 'utf8'})
    await new Promise<void>((resolve, reject) => {
      stream!.once('open', () => resolve())
      stream!.once('error', reject)
    })
  } catch (error) {
    throw new InputError(`cannot read: ${(error as Error).message}`, {file: path})
  }
  const rl = createInterface({input: stream, crlfDelay: Infinity})
  const ids = new Set<string>()
  let line = 0
  let items = 0
  for await (const text of rl) {
    line++
    if (text.trim() === '') continue
    try {
      const item = parseLine(text, options, ids)
      items++
      yield {line, item, bytesRead: stream.bytesRead}
    } catch (error) {
      if (!(error instanceof LineProblem)) throw error
      if (!options.skipBad) throw new InputError(error.message, {file: `${path}:${line}`, field: error.field})
      options.onBad?.({line, field: error.field, message: error.message})
    }
  }
  if (items === 0 && !options.skipBad)
    throw new InputError('expected at least one item (JSON object per line)', {file: path, field: '(file)'})
}
