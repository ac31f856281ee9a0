/**
 * Reader for `inv-entropy/v1` JSONL files (one question per line, schemas/uq-input.schema.json).
 * Streams the file line by line as bytes (10k items never sit in memory together), validates each line
 * with the committed JSON Schema (precompiled by ajv: ./uq-input-validator.ts) plus the checks a schema cannot express (matrix
 * sizes, consistent embedding dimensions, unique ids), and reports a bad line as
 * `FILE:LINE: field.path: what was expected`. Embedding arrays are read straight into Float64Arrays
 * (./item-arrays.ts), or come as rows of a .npy side-car (./embedding-sidecar.ts); a line that fails any
 * check is read again the plain way, so the message is the same whichever way it was read. With `skipBad`
 * a bad line is recorded and counted instead of stopping the run; nothing is dropped silently. Blank lines
 * are ignored.
 */
import {open, type FileHandle} from 'node:fs/promises'
import {dirname} from 'node:path'
import {InputError} from '../../../core/errors.js'
import {readByteLines, type ByteLine} from '../../../core/io/byte-lines.js'
import type {LineRange} from '../../../core/io/line-ranges.js'
import {extractNumberArrays} from '../../../core/io/json-number-arrays.js'
import {NpyRowReader} from '../../../core/io/npy-rows.js'
import {nonFiniteField, nonFiniteMessage} from '../../../core/io/non-finite.js'
import {describeAjvError} from './ajv-field-message.js'
import {EmbeddingRowProblem, resolveEmbeddingRows} from './embedding-sidecar.js'
import {checkRun, LineProblem} from './run-checks.js'
import {restoreLiftedArrays} from './item-arrays.js'
import {validateUqInput} from './uq-input-validator.js'

export interface UqResponse {
  readonly text: string
  /** Float64Array when read through the fast path (core/io/json-number-arrays), else number[]. */
  readonly embedding?: ArrayLike<number>
}
export interface UqInput {
  readonly text: string
  readonly kind?: string
  readonly embedding?: ArrayLike<number>
  readonly responses: UqResponse[]
}
export interface UqRun {
  readonly temperature: number
  readonly inputs: UqInput[]
  readonly inputSimilarity?: ArrayLike<number>[]
  readonly responseSimilarity?: ArrayLike<number>[]
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

const EMBEDDING_FORMS =
  'expected an array of numbers or {"npy": "FILE.npy", "row": N} (N an integer >= 0, no other keys)'

/** Finite numbers only, then the JSON Schema. */
function checkSchema(raw: unknown, text: string): void {
  const overflow = nonFiniteField(raw)
  if (overflow !== undefined) throw new LineProblem(overflow, nonFiniteMessage(text))
  if (!validateUqInput(raw)) {
    const errors = validateUqInput.errors!
    const [field, message] = describeAjvError(errors[0])
    // an embedding is one of two forms: say both, not just the first branch's "expected array"
    const alternatives = errors.some((e) => e.keyword === 'anyOf' && e.instancePath === errors[0].instancePath)
    throw new LineProblem(field, alternatives ? EMBEDDING_FORMS : message)
  }
}

/** What a line is checked against: earlier ids, and where side-car embeddings are found. */
interface LineContext {
  readonly ids: Set<string>
  /** Folder of the JSONL file (side-car paths are relative to it). */
  readonly baseDir: string
  readonly npy: NpyRowReader
}

/** What the schema cannot say: unique id, labels the command needs, side-car rows, sizes. Records the id. */
function checkItem(raw: unknown, o: UqReadOptions, ctx: LineContext): UqItem {
  const ids = ctx.ids
  const obj = raw as UqItem & {id: string | number}
  const item: UqItem = {...obj, id: String(obj.id)}
  try {
    resolveEmbeddingRows(item, ctx.baseDir, ctx.npy)
  } catch (error) {
    if (error instanceof EmbeddingRowProblem) throw new LineProblem(error.field, error.message)
    throw error
  }
  if (ids.has(item.id)) throw new LineProblem('id', `expected a unique id, "${item.id}" appeared on an earlier line`)
  if (o.requireCorrect && item.correct === undefined)
    throw new LineProblem('correct', 'required by uq evaluate (0 or 1)')
  item.runs.forEach((run, r) => checkRun(run, r, o))
  ids.add(item.id)
  return item
}

/** The plain read: JSON.parse of the whole line; its problems are the ones reported. */
function parseLinePlain(text: string, o: UqReadOptions, ctx: LineContext): UqItem {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    throw new LineProblem('(json)', `expected one JSON object per line: ${(error as Error).message}`)
  }
  checkSchema(raw, text)
  return checkItem(raw, o, ctx)
}

/**
 * The fast read: number arrays straight into Float64Arrays, JSON.parse and the schema on the small
 * skeleton only. Undefined when anything looks wrong; the plain read then names the problem.
 */
function parseLineFast(bytes: Uint8Array, o: UqReadOptions, ctx: LineContext): UqItem | undefined {
  const lifted = extractNumberArrays(bytes)
  if (lifted === undefined) return undefined
  try {
    const raw = JSON.parse(lifted.skeleton) as UqItem
    checkSchema(raw, lifted.skeleton)
    if (!restoreLiftedArrays(raw, lifted.arrays)) return undefined
    return checkItem(raw, o, ctx)
  } catch (error) {
    if (error instanceof LineProblem || error instanceof SyntaxError) return undefined
    throw error
  }
}

function parseLine(bytes: Uint8Array, o: UqReadOptions, ctx: LineContext): UqItem {
  return parseLineFast(bytes, o, ctx) ?? parseLinePlain(new TextDecoder().decode(bytes), o, ctx)
}

/** Blank as String.prototype.trim sees it (decoded only when no visible ASCII byte settles it). */
function isBlank(bytes: Uint8Array): boolean {
  for (const c of bytes) if (c > 32 && c < 127) return false
  return new TextDecoder().decode(bytes).trim() === ''
}

/** The file's lines (of `range` only, when given); a read error (a directory, a vanished file) is bad input naming the file. */
async function* fileLines(path: string, range?: LineRange): AsyncGenerator<ByteLine> {
  let handle: FileHandle | undefined
  try {
    handle = await open(path, 'r')
    yield* readByteLines(handle, undefined, range)
  } catch (error) {
    throw new InputError(`cannot read: ${(error as Error).message}`, {file: path})
  } finally {
    await handle?.close()
  }
}

/**
 * Streams the validated items of `path`. Throws InputError on the first bad line unless skipBad.
 * With `part` (a parallel reader's share, core/io/line-ranges), only the lines of that byte range,
 * numbered as in the whole file; ids are then unique within the part only (the caller compares parts),
 * and an empty part is no error.
 */
export async function* readUqItems(path: string, options: UqReadOptions, part?: LineRange): AsyncGenerator<UqLine> {
  const ctx: LineContext = {ids: new Set<string>(), baseDir: dirname(path), npy: new NpyRowReader()}
  let line = part ? part.firstLine - 1 : 0
  let items = 0
  try {
    for await (const {bytes, bytesRead} of fileLines(path, part)) {
      line++
      if (isBlank(bytes)) continue
      try {
        const item = parseLine(bytes, options, ctx)
        items++
        yield {line, item, bytesRead}
      } catch (error) {
        if (!(error instanceof LineProblem)) throw error
        if (!options.skipBad) throw new InputError(error.message, {file: `${path}:${line}`, field: error.field})
        options.onBad?.({line, field: error.field, message: error.message})
      }
    }
  } finally {
    ctx.npy.close()
  }
  if (items === 0 && !options.skipBad && part === undefined)
    throw new InputError('expected at least one item (JSON object per line)', {file: path, field: '(file)'})
}
