/**
 * Lines of a file as UTF-8 bytes, read in large chunks. For JSONL readers that parse bytes
 * themselves (core/io/json-number-arrays): node:readline first decodes every line into a string,
 * which such a reader would only have to walk again. Line breaks are the ones readline honours
 * with `crlfDelay: Infinity` (`\n`, `\r\n`, a lone `\r`), so line numbers in messages agree.
 */
import type {FileHandle} from 'node:fs/promises'

export interface ByteLine {
  /** The line without its break. A view into the reader's buffer: valid until the next line is asked for. */
  readonly bytes: Uint8Array
  /** Bytes read from the file so far (read-ahead included; for progress display). */
  readonly bytesRead: number
}

const LF = 10
const CR = 13
const DEFAULT_CHUNK_BYTES = 4 * 2 ** 20

/** Position of the first `\n` or `\r` in buf[from, end), or -1. `cr` caches the last search for `\r`. */
function nextBreak(buf: Uint8Array, from: number, end: number, cr: {at: number}): number {
  if (cr.at !== -1 && cr.at < from) cr.at = buf.indexOf(CR, from)
  const lf = buf.indexOf(LF, from)
  const r = cr.at !== -1 && cr.at < end ? cr.at : -1
  const l = lf !== -1 && lf < end ? lf : -1
  return r === -1 ? l : l === -1 ? r : Math.min(r, l)
}

/** Bytes [start, end) of a file; `end` undefined: to the end of the file. */
export interface ByteRange {
  readonly start: number
  readonly end?: number
}

/**
 * Yields every line of the open file `handle`, the last one also without a trailing break. With
 * `range`, only the lines of bytes [start, end) (a parallel reader's share: ./line-ranges.ts makes
 * ranges that start and end on line boundaries); `bytesRead` then counts from the start of the file.
 */
export async function* readByteLines(
  handle: FileHandle,
  chunkBytes = DEFAULT_CHUNK_BYTES,
  range: ByteRange = {start: 0},
): AsyncGenerator<ByteLine> {
  // a Buffer: its indexOf of a byte is memchr, several times faster than Uint8Array's
  let buf: Uint8Array = Buffer.alloc(chunkBytes)
  let start = 0
  let end = 0
  let total = range.start
  const stop = range.end ?? Infinity
  let swallowLf = false // the chunk ended on `\r`: a `\n` starting the next one belongs to it
  for (;;) {
    if (start > 0) {
      buf.copyWithin(0, start, end)
      end -= start
      start = 0
    }
    if (end === buf.length) {
      const grown = Buffer.alloc(buf.length * 2)
      grown.set(buf)
      buf = grown
    }
    const want = Math.min(buf.length - end, stop - total)
    const {bytesRead} = want > 0 ? await handle.read(buf, end, want, total) : {bytesRead: 0}
    if (bytesRead === 0) break
    let from = end
    end += bytesRead
    total += bytesRead
    if (swallowLf && buf[start] === LF) start = from = start + 1
    swallowLf = false
    const cr = {at: buf.indexOf(CR, from)}
    for (let i = nextBreak(buf, from, end, cr); i !== -1; i = nextBreak(buf, start, end, cr)) {
      yield {bytes: buf.subarray(start, i), bytesRead: total}
      if (buf[i] === CR) {
        if (i + 1 === end) swallowLf = true
        else if (buf[i + 1] === LF) i++
      }
      start = i + 1
    }
  }
  if (start < end) yield {bytes: buf.subarray(start, end), bytesRead: total}
}
