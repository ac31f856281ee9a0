/**
 * A CSV file cut into line-aligned byte ranges, one per worker thread, each read by the byte fast path
 * (./csv-byte-lines.ts) on its own. Three steps: read the header (readCsvHead), cut the rest at line starts
 * (splitRanges), and stream one range's records (rangeBatches).
 *
 * When is a cut safe? A cut just after a '\n' starts a record unless the '\n' sits inside a quoted field. The fast
 * path never reads a quote: at the first '"' (or a '\r' that is not the file's line ending) it stops, and here
 * that stops the range with RangeNeedsParser, so the caller drops every range and reads the file in one pass
 * with the full parser. A range is used only if it held no quote at all, and if no range holds a quote the file
 * has none after its header, so no cut fell inside quotes.
 */
import {isUtf8} from 'node:buffer'
import {open, type FileHandle} from 'node:fs/promises'
import {cellText} from '../kernels/cell-bytes.js'
import {ChunkReader, lineEnd} from './chunk-reader.js'
import {CellOffsets, splitByteLines, type ByteSplitState} from './csv-byte-lines.js'
import type {ByteBatch} from './table-source.js'
import type {Utf8Check} from './utf8-check.js'

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

/** Thrown by rangeBatches where the fast path cannot go on (a quote, a stray '\r'). */
export class RangeNeedsParser extends Error {
  constructor() {
    super('range needs the full CSV parser')
  }
}

/** Longest header line looked for: a header longer than this is read by the single pass. */
const HEAD_BYTES = 1 << 20

/**
 * The header, when the fast path reads it alone: a first line with no quote, ending in '\n' or '\r\n', valid
 * UTF-8. Otherwise (or for an empty file, or one that cannot be opened) undefined: the single pass then reads the
 * file, and reports what is wrong with it.
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
    return headOf(bytes, size, file)
  } finally {
    await handle.close()
  }
}

function headOf(bytes: Uint8Array, size: number, file: string): CsvHead | undefined {
  let pos = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
  const state: ByteSplitState = {line: 0, crlf: undefined, width: 0}
  const out = new CellOffsets()
  while (out.rows === 0) {
    const next = bytes.indexOf(10, pos) + 1
    if (next === 0) return undefined
    if (splitByteLines(bytes, pos, next, state, out, file) < next) return undefined
    pos = next
  }
  if (state.crlf === undefined || !isUtf8(bytes.subarray(out.starts[0], out.ends[state.width - 1]))) return undefined
  const header: string[] = []
  for (let j = 0; j < state.width; j++) header.push(cellText(bytes, out.starts[j], out.ends[j]).trim())
  return {header, size, dataStart: pos, lines: state.line, crlf: state.crlf, width: state.width}
}

/** Cuts [head.dataStart, size) into at most `parts` ranges, each starting just after a '\n'. */
export async function splitRanges(file: string, head: CsvHead, parts: number): Promise<[number, number][]> {
  const handle = await open(file, 'r')
  try {
    const cuts = [head.dataStart]
    const span = head.size - head.dataStart
    for (let k = 1; k < parts; k++) {
      const cut = await lineStartFrom(handle, head.dataStart + Math.floor((k * span) / parts), head.size)
      if (cut > cuts[cuts.length - 1] && cut < head.size) cuts.push(cut)
    }
    cuts.push(head.size)
    return cuts.slice(1).map((end, i) => [cuts[i], end])
  } finally {
    await handle.close()
  }
}

/** The first line start at or after `at` (just after a '\n' at at − 1 or later), or `size`. */
async function lineStartFrom(handle: FileHandle, at: number, size: number): Promise<number> {
  const window = new Uint8Array(1 << 16)
  for (let from = at - 1; from < size; from += window.length) {
    const {bytesRead} = await handle.read(window, 0, Math.min(window.length, size - from), from)
    const nl = window.subarray(0, bytesRead).indexOf(10)
    if (nl >= 0) return from + nl + 1
    if (bytesRead === 0) break
  }
  return size
}

/**
 * The records of bytes [start, end) (a range from splitRanges) as byte batches, checked for the header's width
 * and line ending. `state.line` counts the range's physical lines (1 = its first), for the caller to place them in
 * the file. Throws RangeNeedsParser where the fast path stops, and the fast path's InputErrors (ragged rows, with
 * line numbers of the range).
 */
export async function* rangeBatches(
  file: string,
  range: readonly [number, number],
  state: ByteSplitState,
  utf8: Utf8Check,
  chunkSize = 1 << 20,
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
      if (splitByteLines(bytes, 0, end, state, out, file) < end) throw new RangeNeedsParser()
      utf8.checkRecords(bytes, out, state.width)
      if (out.rows > 0) yield {bytes, starts: out.starts, ends: out.ends, rows: out.rows, width: state.width}
      pos = end
      if (reader.done) return
    }
  } finally {
    await handle.close()
  }
}
