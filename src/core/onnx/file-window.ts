/**
 * A file as a protobuf byte source: positioned reads through one 64 KiB window, so
 * walking thousands of small fields (tags, names, dims) costs a few reads, while
 * the large payloads in between (raw_data) are skipped by position, never read.
 */
import {readSync} from 'node:fs'
import type {ByteSource} from './protobuf-wire.js'

const WINDOW_BYTES = 1 << 16

export class FileWindow implements ByteSource {
  private base = 0
  private buffer = new Uint8Array(0)

  constructor(
    private readonly fd: number,
    readonly size: number,
  ) {}

  window(position: number, want: number): {bytes: Uint8Array; offset: number} {
    const end = this.base + this.buffer.length
    const covered = position >= this.base && position <= end && (position + want <= end || end === this.size)
    if (!covered) this.fill(position, Math.max(want, WINDOW_BYTES))
    return {bytes: this.buffer, offset: position - this.base}
  }

  /** Reads up to `length` bytes from `position`; fewer when the file ends (or shrank) first. */
  private fill(position: number, length: number): void {
    const buffer = new Uint8Array(Math.max(0, Math.min(length, this.size - position)))
    let done = 0
    while (done < buffer.length) {
      const n = readSync(this.fd, buffer, done, buffer.length - done, position + done)
      if (n === 0) break
      done += n
    }
    this.base = position
    this.buffer = buffer.subarray(0, done)
  }
}
