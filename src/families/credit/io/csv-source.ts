/**
 * Streams a CSV file as batches of text records. The first record is the header; every record
 * must have as many fields. Machine-written files (no quotes, '\n' or '\r\n' line endings) take
 * the fast path of ./plain-csv-lines.ts; from the first line that needs more (quotes, other line
 * endings) to the end of the file the well-kept parser csv-parse takes over (RFC 4180 quoting,
 * BOM, CRLF), so both give the same records. Parse failures become one-line InputErrors naming
 * the file and the line: ragged rows ("line 5: expected 21 fields, found 20"), unclosed quotes,
 * and an empty file.
 */
import {createReadStream} from 'node:fs'
import {Readable} from 'node:stream'
import {parse} from 'csv-parse'
import {InputError} from '../../../core/errors.js'
import {splitPlainLines, type PlainSplitState} from './plain-csv-lines.js'
import type {TableSource} from './table-source.js'

const BATCH = 4096
/**
 * Characters per read. Small on purpose: each chunk's records are yielded at once, so few records
 * are alive when the young generation is collected (scavenges copy live objects; with 1 MiB
 * chunks garbage collection took a quarter of the time).
 */
const CHUNK = 1 << 16

export interface CsvOptions {
  /** Characters read per chunk (tests use tiny chunks to cross every boundary). */
  readonly chunkSize?: number
}

interface CsvFailure {
  code?: string
  lines?: number
  message: string
}

function csvError(file: string, error: CsvFailure, lineOffset: number): InputError {
  if (error.code === 'ENOENT') return new InputError('file not found', {file})
  const line = error.lines === undefined ? 'line ?' : `line ${error.lines + lineOffset}`
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return new InputError('quoted field not closed', {file, field: line})
  return new InputError(`malformed CSV (${(error.code ?? error.message).toString().split('\n')[0]})`, {
    file,
    field: line,
  })
}

function raggedError(file: string, expected: number, found: number, line: number): InputError {
  return new InputError(`expected ${expected} fields, found ${found}`, {file, field: `line ${line}`})
}

/** Records in batches (the header first, in the first batch), checked for equal width. */
async function* recordBatches(file: string, chunkSize: number): AsyncGenerator<string[][]> {
  const chunks = createReadStream(file, {encoding: 'utf8', highWaterMark: chunkSize})[
    Symbol.asyncIterator
  ]() as AsyncIterator<string>
  const next = async () => {
    try {
      return await chunks.next()
    } catch (error) {
      throw csvError(file, error as CsvFailure, 0)
    }
  }
  const state: PlainSplitState = {line: 0, crlf: undefined}
  let width = 0
  let carry = ''
  let started = false
  let batch: string[][] = []
  for (;;) {
    const r = await next()
    let text = r.done ? carry : carry + r.value
    if (!started && text.length > 0) {
      started = true
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    }
    const end = r.done ? text.length : text.lastIndexOf('\n') + 1
    const split = splitPlainLines(text, end, state)
    for (let i = 0; i < split.records.length; i++) {
      const record = split.records[i]
      if (width === 0) width = record.length
      else if (record.length !== width) throw raggedError(file, width, record.length, split.lines[i])
      batch.push(record)
    }
    if (batch.length > 0 && !split.fallback) {
      yield batch
      batch = []
    }
    if (split.fallback) {
      if (batch.length > 0) yield batch
      yield* parsedBatches(file, text.slice(split.consumed), chunks, state, width)
      return
    }
    carry = text.slice(end)
    if (r.done) break
  }
  if (batch.length > 0) yield batch
}

/** csv-parse on `head` followed by the rest of the chunks, from a record boundary at line state.line + 1. */
async function* parsedBatches(
  file: string,
  head: string,
  chunks: AsyncIterator<string>,
  state: PlainSplitState,
  knownWidth: number,
): AsyncGenerator<string[][]> {
  async function* rest(): AsyncGenerator<string> {
    yield head
    for (let r = await chunks.next(); !r.done; r = await chunks.next()) yield r.value
  }
  const offset = state.line
  const delimiter = state.crlf === undefined ? {} : {record_delimiter: state.crlf ? '\r\n' : '\n'}
  const parser = Readable.from(rest())
    .on('error', (e) => parser.destroy(e))
    .pipe(parse({bom: offset === 0, relax_column_count: true, skip_empty_lines: true, info: true, ...delimiter}))
  let width = knownWidth
  let batch: string[][] = []
  try {
    for await (const {record, info} of parser as AsyncIterable<{record: string[]; info: {lines: number}}>) {
      if (width === 0) width = record.length
      else if (record.length !== width) throw raggedError(file, width, record.length, info.lines + offset)
      batch.push(record)
      if (batch.length === BATCH) {
        yield batch
        batch = []
      }
    }
  } catch (error) {
    throw error instanceof InputError ? error : csvError(file, error as CsvFailure, offset)
  }
  if (batch.length > 0) yield batch
}

export async function openCsv(file: string, options: CsvOptions = {}): Promise<TableSource> {
  const records = recordBatches(file, options.chunkSize ?? CHUNK)
  let first = await records.next()
  while (!first.done && first.value.length === 0) first = await records.next()
  if (first.done) throw new InputError('empty file: expected a header line', {file})
  const header = first.value[0].map((h) => h.trim())
  const rest = first.value.slice(1)
  async function* batches(): AsyncGenerator<string[][]> {
    if (rest.length > 0) yield rest
    yield* records
  }
  return {file, header, batches}
}
