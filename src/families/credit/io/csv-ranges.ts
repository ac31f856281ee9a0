/**
 * A CSV file cut into line-aligned byte ranges, one per worker thread, each read by the byte fast path
 * (./csv-byte-lines.ts) on its own. Three steps: read the header (readCsvHead), cut the rest at line starts
 * (splitRanges), and stream one range's records (rangeBatches).
 *
 * A range is read as the whole file is (./csv-source.ts): the byte fast path up to its first line that needs more
 * (a quote, a stray '\r'), csv-parse from there to the range's end.
 *
 * When is a cut safe? A cut just after a '\n' starts a record unless the '\n' sits inside a quoted field. In a
 * well-formed CSV file (RFC 4180: a quote inside a quoted field is doubled) that is so exactly when an odd number
 * of '"' come before it. So each range counts its quotes (RangeTally), and the caller keeps the ranges only if
 * every cut has an even number of quotes before it; otherwise it reads the file in one pass. A quote that breaks
 * RFC 4180 is an error of csv-parse in the range that holds it (every cut before it is then a true record start),
 * and a failed range also sends the caller to the single pass, which reports the error with its line.
 */
import {isUtf8} from 'node:buffer'
import {open, type FileHandle} from 'node:fs/promises'
import {lineCuts} from '../../../core/io/line-ranges.js'
import {cellText} from '../kernels/cell-bytes.js'
import {ChunkReader, lineEnd} from './chunk-reader.js'
import {CellOffsets, splitByteLines, type ByteSplitState} from './csv-byte-lines.js'
import {parsedBatches} from './csv-source.js'
import type {ByteBatch} from './table-source.js'
import type {Utf8Check, Utf8Place} from './utf8-check.js'

/** The header of a CSV file the fast path can read, and where its data start. */
export interface CsvHead {
  readonly header: readonly string[]
  /** File size in bytes. */
  readonly size: number
  /** Offset of the first byte after the header's line. */
  readonly dataStart: number
  /** Physical lines up to and including the header's (empty lines before it count). */
  readonly lines: number
  readonly crlf: boolean
  readonly width: number
}

/** What a range held besides its records: quotes, and physical lines ('\n'). */
export class RangeTally {
  quotes = 0
  /** Lines read by csv-parse (the fast path's are in its state.line). */
  parsedLines = 0

  readonly add = (region: Uint8Array): void => {
    this.quotes += count(region, 34)
    this.parsedLines += count(region, 10)
  }
}

function count(bytes: Uint8Array, byte: number): number {
  let n = 0
  for (let i = bytes.indexOf(byte); i >= 0; i = bytes.indexOf(byte, i + 1)) n++
  return n
}

/** Bytes from which a CSV file is read on several threads (INFOLENS_CREDIT_FANOUT_BYTES overrides it). */
export const FANOUT_BYTES = 8 << 20
/** At most this many ranges: beyond, the merge and the workers' start cost more than they save. */
const MAX_PARTS = 16

/** How many ranges a reader with `threads` threads cuts a file into: 1 (no fan-out) for small or Parquet files. */
export async function fanOut(file: string, threads: number): Promise<{head: CsvHead; parts: number} | undefined> {
  const parts = Math.min(threads, MAX_PARTS)
  if (parts < 2 || /\.parquet$/i.test(file)) return undefined
  const head = await readCsvHead(file)
  const threshold = Number(process.env.INFOLENS_CREDIT_FANOUT_BYTES ?? FANOUT_BYTES)
  return head && head.size >= threshold ? {head, parts} : undefined
}

/** What a range reader reports besides its result: the range's quotes and physical lines, bad UTF-8 (range lines). */
export interface RangeFacts {
  readonly quotes: number
  readonly lines: number
  readonly utf8?: Utf8Place
}

/**
 * Runs one range reader so that it never throws: a failure of any kind is `{ok: false}` (the caller then reads
 * the file in a single pass, which reports the error with its line), and it raises the shared `abort` flag so
 * the other ranges stop at their next batch. Shared by the profile and the count ranges.
 */
export async function settleRange<R extends {ok: boolean}>(
  abort: Int32Array,
  read: () => Promise<R | {ok: false}>,
): Promise<R | {ok: false}> {
  let reply: R | {ok: false}
  try {
    reply = await read()
  } catch {
    reply = {ok: false}
  }
  if (!reply.ok) Atomics.store(abort, 0, 1)
  return reply
}

/** Whether every cut has an even number of quotes before it (then it starts a record). */
export function cutsOutsideQuotes(parts: readonly RangeFacts[]): boolean {
  let quotes = 0
  for (const part of parts.slice(0, -1)) {
    quotes += part.quotes
    if (quotes % 2 !== 0) return false
  }
  return true
}

/** The first range's bad-UTF-8 place, its line counted from the file's start. */
export function firstUtf8(head: CsvHead, parts: readonly RangeFacts[]): Utf8Place | undefined {
  let before = head.lines
  for (const {lines, utf8} of parts) {
    if (utf8) return {line: before + utf8.line, column: utf8.column}
    before += lines
  }
  return undefined
}

/**
 * Bytes per read of a range, as the single pass reads: a batch profiles column by column, and each column's hash
 * table is brought into cache once per batch, so smaller batches cost more per cell (256 KiB: +40 % CPU at 5M rows
 * on two threads, for 4 MiB less per worker; the workers' memory is kept down by their young generation instead).
 */
const RANGE_CHUNK = 1 << 20

/** Longest header line looked for: a header longer than this is read by the single pass. */
const HEAD_BYTES = 1 << 20

/**
 * The header: its record (quoted or not), ending in '\n' or '\r\n', valid UTF-8, within the first MiB. Otherwise
 * (or for an empty file, or one that cannot be opened) undefined: the single pass then reads the file, and
 * reports what is wrong with it.
 */
export async function readCsvHead(file: string): Promise<CsvHead | undefined> {
  let handle: FileHandle
  try {
    handle = await open(file, 'r')
  } catch {
    return undefined
  }
  try {
    const size = (await handle.stat()).size
    const bytes = new Uint8Array(Math.min(size, HEAD_BYTES))
    await handle.read(bytes, 0, bytes.length, 0)
    return await headOf(bytes, size, file)
  } finally {
    await handle.close()
  }
}

async function headOf(bytes: Uint8Array, size: number, file: string): Promise<CsvHead | undefined> {
  let pos = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
  const state: ByteSplitState = {line: 0, crlf: undefined, width: 0}
  const out = new CellOffsets()
  while (out.rows === 0) {
    const next = bytes.indexOf(10, pos) + 1
    if (next === 0) return undefined
    if (splitByteLines(bytes, pos, next, state, out, file) < next) return quotedHead(bytes, pos, size, state)
    pos = next
  }
  if (state.crlf === undefined || !isUtf8(bytes.subarray(out.starts[0], out.ends[state.width - 1]))) return undefined
  const header: string[] = []
  for (let j = 0; j < state.width; j++) header.push(cellText(bytes, out.starts[j], out.ends[j]).trim())
  return {header, size, dataStart: pos, lines: state.line, crlf: state.crlf, width: state.width}
}

/**
 * A header line the fast path hands over (a quote): it ends at the first '\n' with an even number of quotes before
 * it, and is read by csv-parse as the single pass reads it, with the line ending csv-source settles for it.
 */
async function quotedHead(
  bytes: Uint8Array,
  from: number,
  size: number,
  state: ByteSplitState,
): Promise<CsvHead | undefined> {
  let quotes = 0
  let end = from
  for (;;) {
    const nl = bytes.indexOf(10, end)
    if (nl < 0) return undefined
    for (let q = bytes.indexOf(34, end); q >= 0 && q < nl; q = bytes.indexOf(34, q + 1)) quotes++
    end = nl + 1
    if (quotes % 2 === 0) break
  }
  const cr = bytes.indexOf(13, from)
  const nl = bytes.indexOf(10, from)
  const crlf = cr < 0 || cr > nl ? false : cr === nl - 1 ? true : undefined
  const region = bytes.subarray(from, end)
  if (crlf === undefined || !isUtf8(region)) return undefined
  let records: string[][]
  const {parse: parseSync} = await import('csv-parse/sync') // only for a quoted header: see csv-source.ts
  try {
    records = parseSync(new TextDecoder().decode(region), {record_delimiter: crlf ? '\r\n' : '\n'}) as string[][]
  } catch {
    return undefined
  }
  if (records.length !== 1) return undefined
  const header = records[0].map((h) => h.trim())
  return {header, size, dataStart: end, lines: state.line + count(region, 10), crlf, width: header.length}
}

/** Cuts [head.dataStart, size) into at most `parts` ranges, each starting just after a '\n'. */
export async function splitRanges(file: string, head: CsvHead, parts: number): Promise<[number, number][]> {
  const handle = await open(file, 'r')
  try {
    const cuts = [head.dataStart, ...(await lineCuts(handle, head.dataStart, head.size, parts)), head.size]
    return cuts.slice(1).map((end, i) => [cuts[i], end])
  } finally {
    await handle.close()
  }
}

/**
 * The records of bytes [start, end) (a range from splitRanges) as byte batches, checked for the header's width
 * and line ending. Lines are numbered from the range's start (1 = its first): `state.line` counts those of the
 * fast path, `tally` the quotes and the lines csv-parse read. Errors are the readers' InputErrors, their lines
 * counted in the range.
 */
export async function* rangeBatches(
  file: string,
  range: readonly [number, number],
  state: ByteSplitState,
  utf8: Utf8Check,
  tally: RangeTally,
  chunkSize = RANGE_CHUNK,
): AsyncGenerator<ByteBatch> {
  const handle = await open(file, 'r')
  try {
    const reader = new ChunkReader(handle, chunkSize, range[0], range[1])
    const out = new CellOffsets()
    let pos = 0
    for (;;) {
      await reader.refill(pos)
      const bytes = reader.buffer
      const end = reader.done ? reader.length : lineEnd(bytes, reader.length)
      out.reset()
      const consumed = splitByteLines(bytes, 0, end, state, out, file)
      utf8.checkRecords(bytes, out, state.width)
      if (out.rows > 0) yield {bytes, starts: out.starts, ends: out.ends, rows: out.rows, width: state.width}
      if (consumed < end) {
        yield* parsedBatches(file, reader, consumed, state, utf8, tally.add)
        return
      }
      pos = end
      if (reader.done) return
    }
  } finally {
    await handle.close()
  }
}
