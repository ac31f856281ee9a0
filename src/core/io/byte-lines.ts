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

/** Where a chunk's bytes land in a buffer of `readByteLines`, and its size. */
interface Chunk {
  readonly buf: Uint8Array
  readonly bytesRead: number
}

/** Starts reading up to `want` bytes at file offset `at` into `buf` at `offset` (nothing when want ≤ 0). */
function readChunk(handle: FileHandle, buf: Uint8Array, offset: number, want: number, at: number): Promise<Chunk> {
  if (want <= 0) return Promise.resolve({buf, bytesRead: 0})
  const chunk = handle.read(buf, offset, want, at).then(({bytesRead}) => ({buf, bytesRead}))
  // handled now, thrown when awaited: a read failing while lines are parsed is not an unhandled rejection
  chunk.catch(() => undefined)
  return chunk
}

/**
 * Yields every line of the open file `handle`, the last one also without a trailing break. With
 * `range`, only the lines of bytes [start, end) (a parallel reader's share: ./line-ranges.ts makes
 * ranges that start and end on line boundaries); `bytesRead` then counts from the start of the file.
 *
 * Reads ahead: while the lines of one chunk are cut and parsed, the next chunk is already being read
 * (by libuv's thread) into a second buffer, behind a headroom. The unfinished last line of the current
 * chunk is then copied into that headroom, so the two join without copying the chunk itself. A line
 * longer than the headroom is gathered in a buffer that doubles as needed (amortised linear).
 */
export async function* readByteLines(
  handle: FileHandle,
  chunkBytes = DEFAULT_CHUNK_BYTES,
  range: ByteRange = {start: 0},
): AsyncGenerator<ByteLine> {
  const head = Math.max(1, Math.ceil(chunkBytes / 4))
  const stop = range.end ?? Infinity
  let at = range.start // file offset of the next read
  // Buffers: their indexOf of a byte is memchr, several times faster than Uint8Array's
  let spare: Uint8Array = Buffer.alloc(head + chunkBytes)
  let buf: Uint8Array = Buffer.alloc(head + chunkBytes)
  let start = head
  let end = head
  let swallowLf = false // the chunk ended on `\r`: a `\n` starting the next one belongs to it
  let pending = readChunk(handle, spare, head, Math.min(chunkBytes, stop - at), at)
  try {
    for (;;) {
      const chunk = await pending
      if (chunk.bytesRead === 0) break
      at += chunk.bytesRead
      const tail = end - start
      let from: number
      if (tail <= head) {
        // the usual case: the unfinished line moves into the headroom in front of the new chunk
        chunk.buf.set(buf.subarray(start, end), head - tail)
        spare = buf
        buf = chunk.buf
        start = head - tail
        from = head
        end = head + chunk.bytesRead
      } else {
        // a line longer than the headroom: gather it in `buf`, doubling it when it is full
        ;({buf, start, end} = appendTo(buf, start, end, chunk.buf.subarray(head, head + chunk.bytesRead)))
        from = end - chunk.bytesRead
        spare = chunk.buf
      }
      pending = readChunk(handle, spare, head, Math.min(chunkBytes, stop - at), at)
      if (swallowLf && buf[from] === LF) start = from = from + 1
      swallowLf = false
      const cr = {at: buf.indexOf(CR, from)}
      for (let i = nextBreak(buf, from, end, cr); i !== -1; i = nextBreak(buf, start, end, cr)) {
        yield {bytes: buf.subarray(start, i), bytesRead: at}
        if (buf[i] === CR) {
          if (i + 1 === end) swallowLf = true
          else if (buf[i + 1] === LF) i++
        }
        start = i + 1
      }
    }
    if (start < end) yield {bytes: buf.subarray(start, end), bytesRead: at}
  } finally {
    // a reader that stops early must not close the file under a read still in flight
    await pending.catch(() => undefined)
  }
}

/** `bytes` appended to buf[start, end), moved to the front; a buffer twice as large when it does not fit. */
function appendTo(
  buf: Uint8Array,
  start: number,
  end: number,
  bytes: Uint8Array,
): {buf: Uint8Array; start: number; end: number} {
  const tail = end - start
  let out = buf
  if (tail + bytes.length > buf.length) {
    out = Buffer.alloc(Math.max(2 * buf.length, tail + bytes.length))
    out.set(buf.subarray(start, end))
  } else if (start > 0) {
    out.copyWithin(0, start, end)
  }
  out.set(bytes, tail)
  return {buf: out, start: 0, end: tail + bytes.length}
}
