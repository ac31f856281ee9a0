/**
 * Streams a CSV file as batches of records, read as bytes. The first record is the header; every record must have
 * as many fields. Machine-written files (no quotes, '\n' or '\r\n' line endings) take the byte fast path of
 * ./csv-byte-lines.ts, which hands cells on as byte ranges; from the first line that needs more (quotes, other line
 * endings) to the end of the file the well-kept parser csv-parse takes over (RFC 4180 quoting, CRLF), and its text
 * records are encoded back to bytes, so both paths give consumers the same cells. A leading BOM is dropped.
 * Bytes that are not UTF-8 decode to U+FFFD, as any text reader does, but not silently: the first place is named
 * in `warnings` (./utf8-check.ts). Parse failures become one-line InputErrors naming the file and the line:
 * ragged rows ("line 5: expected 21 fields, found 20"), unclosed quotes, and an empty file.
 */
import {open, type FileHandle} from 'node:fs/promises'
import {Readable} from 'node:stream'
import {InputError} from '../../../core/errors.js'
import {cellText} from '../kernels/cell-bytes.js'
import {decodeBatch, encodeRecords} from './batch-codec.js'
import {ChunkReader, lineEnd} from './chunk-reader.js'
import {CellOffsets, splitByteLines, type ByteSplitState} from './csv-byte-lines.js'
import type {ByteBatch, TableSource} from './table-source.js'
import {Utf8Check} from './utf8-check.js'

const BATCH = 4096
/** Bytes per read: large enough that the per-read costs vanish, small enough to stay in cache-friendly sizes. */
const CHUNK = 1 << 20

export interface CsvOptions {
  /** Bytes read per chunk (tests use tiny chunks to cross every boundary). */
  readonly chunkSize?: number
  /** Where the warning about bytes that are not UTF-8 goes (default: stderr). */
  readonly warn?: (text: string) => void
}

interface CsvFailure {
  code?: string
  lines?: number
  message: string
}

function csvError(file: string, error: CsvFailure, lineOffset: number): InputError {
  if (error.code === 'ENOENT') return new InputError('file not found', {file})
  if (error.code === 'EISDIR') return new InputError('expected a file, found a directory', {file})
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

/** Byte batches of every record (the header first, as row 0 of the first batch), checked for equal width. */
async function* recordBatches(file: string, chunkSize: number, utf8: Utf8Check): AsyncGenerator<ByteBatch> {
  let handle: FileHandle
  try {
    handle = await open(file, 'r')
  } catch (error) {
    throw csvError(file, error as CsvFailure, 0)
  }
  try {
    const reader = new ChunkReader(handle, chunkSize)
    const state: ByteSplitState = {line: 0, crlf: undefined, width: 0}
    const out = new CellOffsets()
    let pos = 0
    let started = false
    for (;;) {
      await reader.refill(pos).catch((error: unknown) => {
        throw csvError(file, error as CsvFailure, 0)
      })
      pos = 0
      const bytes = reader.buffer
      if (!started && (reader.length >= 3 || reader.done)) {
        started = true
        if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) pos = 3
      }
      if (!started) continue
      const end = reader.done ? reader.length : lineEnd(bytes, reader.length)
      out.reset()
      const consumed = splitByteLines(bytes, pos, end, state, out, file)
      utf8.checkRecords(bytes, out, state.width)
      if (out.rows > 0) yield {bytes, starts: out.starts, ends: out.ends, rows: out.rows, width: state.width}
      if (consumed < end) {
        yield* parsedBatches(file, reader, consumed, state, utf8)
        return
      }
      pos = end
      if (reader.done) return
    }
  } finally {
    await handle.close()
  }
}

/** The rest of the file from byte `from`, as text cut after line ends (a line end never splits a character). */
async function* restAsText(
  reader: ChunkReader,
  from: number,
  utf8: Utf8Check,
  line: number,
  tally?: (region: Uint8Array) => void,
): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', {ignoreBOM: true})
  let pos = from
  for (;;) {
    const end = reader.done ? reader.length : lineEnd(reader.buffer, reader.length)
    if (end > pos) {
      const region = reader.buffer.subarray(pos, end)
      line = utf8.checkText(region, line)
      tally?.(region)
      yield decoder.decode(region)
      pos = end
    }
    if (reader.done) return
    await reader.refill(pos)
    pos = 0
  }
}

/**
 * csv-parse on the rest of the file (or of the reader's byte window) from byte `from`, a record boundary at line
 * state.line + 1. `tally` sees every byte region read (a range reader counts its quotes and lines with it).
 */
export async function* parsedBatches(
  file: string,
  reader: ChunkReader,
  from: number,
  state: ByteSplitState,
  utf8: Utf8Check,
  tally?: (region: Uint8Array) => void,
): AsyncGenerator<ByteBatch> {
  // loaded here, not at the top: a machine-written file never needs it, and every range worker would load it
  const {parse} = await import('csv-parse')
  const offset = state.line
  const delimiter = state.crlf === undefined ? {} : {record_delimiter: state.crlf ? '\r\n' : '\n'}
  const parser = Readable.from(restAsText(reader, from, utf8, offset + 1, tally))
    .on('error', (e) => parser.destroy(e))
    .pipe(parse({relax_column_count: true, skip_empty_lines: true, info: true, ...delimiter}))
  let width = state.width
  let batch: string[][] = []
  try {
    for await (const {record, info} of parser as AsyncIterable<{record: string[]; info: {lines: number}}>) {
      if (width === 0) width = record.length
      else if (record.length !== width) throw raggedError(file, width, record.length, info.lines + offset)
      batch.push(record)
      if (batch.length === BATCH) {
        yield encodeRecords(batch, width)
        batch = []
      }
    }
  } catch (error) {
    throw error instanceof InputError ? error : csvError(file, error as CsvFailure, offset)
  }
  if (batch.length > 0) yield encodeRecords(batch, width)
}

/** The first row of a batch as the header (trimmed), and the batch without it. */
function splitHeader(batch: ByteBatch): {header: string[]; rest: ByteBatch} {
  const header: string[] = []
  for (let j = 0; j < batch.width; j++) header.push(cellText(batch.bytes, batch.starts[j], batch.ends[j]).trim())
  const rest = {
    ...batch,
    starts: batch.starts.subarray(batch.width),
    ends: batch.ends.subarray(batch.width),
    rows: batch.rows - 1,
  }
  return {header, rest}
}

export async function openCsv(file: string, options: CsvOptions = {}): Promise<TableSource> {
  const warnings: string[] = []
  const utf8 = new Utf8Check(file, warnings, options.warn)
  const records = recordBatches(file, options.chunkSize ?? CHUNK, utf8)
  const first = await records.next()
  if (first.done) throw new InputError('empty file: expected a header line', {file})
  const {header, rest} = splitHeader(first.value)
  utf8.setHeader(header)
  async function* byteBatches(): AsyncGenerator<ByteBatch> {
    try {
      if (rest.rows > 0) yield rest
      yield* records
    } finally {
      // a consumer that stops at the first batch (a bad cell) never reached `records`: close its file here
      await records.return(undefined)
    }
  }
  async function* batches(): AsyncGenerator<string[][]> {
    for await (const batch of byteBatches()) yield decodeBatch(batch)
  }
  return {file, header, batches, byteBatches, warnings}
}
