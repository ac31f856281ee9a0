/**
 * A file, or a byte window of it, read chunk by chunk into one reused buffer: the CSV readers' input (the whole
 * file in ./csv-source.ts, one line-aligned range per worker in ./csv-ranges.ts). Bytes not yet consumed are kept
 * at the buffer's front, so a line that straddles two chunks is seen whole.
 */
import type {FileHandle} from 'node:fs/promises'

export class ChunkReader {
  buffer: Uint8Array
  /** Valid bytes in the buffer. */
  length = 0
  done = false

  /** Reads bytes [position, end) of the file (default: all of it). */
  constructor(
    private readonly handle: FileHandle,
    private readonly chunkSize: number,
    private position = 0,
    private readonly end = Number.POSITIVE_INFINITY,
  ) {
    this.buffer = new Uint8Array(2 * chunkSize)
  }

  /** Keeps buffer[from, length) at the front and appends the next chunk. */
  async refill(from: number): Promise<void> {
    this.buffer.copyWithin(0, from, this.length)
    this.length -= from
    if (this.length + this.chunkSize > this.buffer.length) {
      const bigger = new Uint8Array(2 * (this.length + this.chunkSize))
      bigger.set(this.buffer.subarray(0, this.length))
      this.buffer = bigger
    }
    const want = Math.min(this.chunkSize, this.end - this.position)
    const {bytesRead} =
      want > 0 ? await this.handle.read(this.buffer, this.length, want, this.position) : {bytesRead: 0}
    this.length += bytesRead
    this.position += bytesRead
    if (bytesRead === 0 || this.position >= this.end) this.done = true
  }
}

/** Just after the last '\n' among the first `length` bytes (0 when there is none). */
export function lineEnd(bytes: Uint8Array, length: number): number {
  return bytes.subarray(0, length).lastIndexOf(10) + 1
}
