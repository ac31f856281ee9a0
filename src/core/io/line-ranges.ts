/**
 * Splitting a line-oriented file into byte ranges that parallel readers can take one each: every
 * range starts just after a `\n` (or at 0) and ends where the next begins, and each comes with the
 * number of its first line as ./byte-lines.ts counts them (`\n`, `\r\n` and a lone `\r` each end a
 * line), so a reader of any range reports the same line numbers as one reader of the whole file.
 */
import type {FileHandle} from 'node:fs/promises'

export interface LineRange {
  readonly start: number
  readonly end: number
  /** 1-based number of the range's first line in the whole file. */
  readonly firstLine: number
}

const LF = 10
const CR = 13
const CHUNK_BYTES = 4 * 2 ** 20

/** Position just after the first `\n` at or after `from`, or undefined when there is none before `size`. */
async function afterNextLf(handle: FileHandle, from: number, size: number): Promise<number | undefined> {
  const buf = new Uint8Array(64 * 1024)
  for (let pos = from; pos < size; pos += buf.length) {
    const {bytesRead} = await handle.read(buf, 0, Math.min(buf.length, size - pos), pos)
    const at = buf.subarray(0, bytesRead).indexOf(LF)
    if (at !== -1) return pos + at + 1 < size ? pos + at + 1 : undefined
  }
  return undefined
}

/**
 * Line breaks in bytes [start, end), both just after a `\n` (or 0): every `\n`, plus every `\r` not
 * followed by `\n`.
 */
async function countLineBreaks(handle: FileHandle, start: number, end: number): Promise<number> {
  const buf = new Uint8Array(CHUNK_BYTES)
  let breaks = 0
  for (let pos = start; pos < end; pos += buf.length) {
    const {bytesRead} = await handle.read(buf, 0, Math.min(buf.length, end - pos), pos)
    const chunk = buf.subarray(0, bytesRead)
    for (let i = chunk.indexOf(LF); i !== -1; i = chunk.indexOf(LF, i + 1)) breaks++
    // a `\r` is a break of its own unless a `\n` follows (the chunk's last byte: look at the next one)
    for (let i = chunk.indexOf(CR); i !== -1; i = chunk.indexOf(CR, i + 1)) {
      const next = i + 1 < chunk.length ? chunk[i + 1] : await byteAt(handle, pos + i + 1)
      if (next !== LF) breaks++
    }
  }
  return breaks
}

async function byteAt(handle: FileHandle, position: number): Promise<number> {
  const one = new Uint8Array(1)
  const {bytesRead} = await handle.read(one, 0, 1, position)
  return bytesRead === 1 ? one[0] : -1
}

/**
 * Where parallel readers can split bytes [start, size) of a line-oriented file: up to parts − 1 offsets, each just
 * after a `\n`, ascending, about (size − start)/parts apart; fewer when there are fewer `\n` to cut at.
 */
export async function lineCuts(handle: FileHandle, start: number, size: number, parts: number): Promise<number[]> {
  const cuts: number[] = []
  for (let k = 1; k < parts; k++) {
    const from = Math.max(start + Math.floor(((size - start) * k) / parts), cuts.at(-1) ?? start)
    const cut = await afterNextLf(handle, from, size)
    if (cut === undefined) break
    if (cut > (cuts.at(-1) ?? start)) cuts.push(cut)
  }
  return cuts
}

/**
 * Up to `parts` ranges covering the `size` bytes of the file, of about equal size except that the
 * first gets `headStart` bytes more than an equal share (capped so every range keeps some): the first
 * range is read by the calling thread, which starts at once while each other reader's thread is still
 * starting, so equal work would leave it idle at the end. Fewer ranges when the file has fewer `\n` to
 * cut at (a file of one line is one range).
 */
export async function splitIntoLineRanges(
  handle: FileHandle,
  size: number,
  parts: number,
  headStart = 0,
): Promise<LineRange[]> {
  const cuts = await cutsWithHeadStart(handle, size, parts, headStart)
  const ranges: LineRange[] = []
  let start = 0
  let firstLine = 1
  for (const cut of [...cuts, size]) {
    ranges.push({start, end: cut, firstLine})
    if (cut < size) firstLine += await countLineBreaks(handle, start, cut)
    start = cut
  }
  return ranges
}

/** lineCuts over the whole file, the first cut moved `headStart` bytes (at most half the rest) further on. */
async function cutsWithHeadStart(
  handle: FileHandle,
  size: number,
  parts: number,
  headStart: number,
): Promise<number[]> {
  if (headStart <= 0 || parts < 2) return lineCuts(handle, 0, size, parts)
  const equal = size / parts
  const target = Math.floor(equal + Math.min(headStart, (size - equal) / 2))
  const first = await afterNextLf(handle, target, size)
  if (first === undefined) return lineCuts(handle, 0, size, parts)
  return [first, ...(await lineCuts(handle, first, size, parts - 1))]
}
