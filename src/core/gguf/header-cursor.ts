/**
 * A forward-only reader of a GGUF header through synchronous positioned reads of a
 * 1 MiB window. A header can hold megabytes of tokenizer arrays that infolens only
 * counts: the cursor reads what it decodes and skips the rest by moving its position,
 * so memory stays at the window whatever the header's size. Every read past the end
 * of the file is an InputError naming the file, the field and the byte position.
 */
import {readSync} from 'node:fs'
import {InputError} from '../errors.js'

const WINDOW = 1 << 20
const TWO_POW_32 = 2 ** 32

const utf8 = new TextDecoder('utf-8', {fatal: true})

export class HeaderCursor {
  /** Absolute position of the next byte to decode. */
  position = 0
  private window = new Uint8Array(0)
  private windowStart = 0

  constructor(
    private readonly fd: number,
    readonly file: string,
    readonly size: number,
  ) {}

  /** Bytes left between the position and the end of the file. */
  get remaining(): number {
    return this.size - this.position
  }

  /** Throws the truncation error unless `n` more bytes exist. */
  require(n: number, field: string): void {
    if (n > this.remaining)
      throw new InputError(
        `file ended at byte ${this.size}, expected ${n} more bytes at byte ${this.position} (truncated?)`,
        {file: this.file, field},
      )
  }

  /** Moves past `n` bytes without reading them. */
  skip(n: number, field: string): void {
    this.require(n, field)
    this.position += n
  }

  /** The next `n` bytes (a view into the window, valid until the next read). */
  bytes(n: number, field: string): Uint8Array {
    this.require(n, field)
    const offset = this.position - this.windowStart
    if (offset < 0 || offset + n > this.window.length) this.refill(n)
    const at = this.position - this.windowStart
    this.position += n
    return this.window.subarray(at, at + n)
  }

  private refill(n: number): void {
    const length = Math.min(Math.max(n, WINDOW), this.size - this.position)
    const buffer = new Uint8Array(length)
    let done = 0
    while (done < length) {
      const read = readSync(this.fd, buffer, done, length - done, this.position + done)
      if (read === 0)
        throw new InputError(`file ended at byte ${this.position + done} while being read (it shrank?)`, {
          file: this.file,
        })
      done += read
    }
    this.window = buffer
    this.windowStart = this.position
  }

  u8(field: string): number {
    return this.bytes(1, field)[0]
  }

  u16(field: string): number {
    const b = this.bytes(2, field)
    return b[0] | (b[1] << 8)
  }

  u32(field: string): number {
    const b = this.bytes(4, field)
    return (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0
  }

  /** A u64 that must be an exact JavaScript number (counts, lengths, offsets, dimensions). */
  u64(field: string): number {
    const low = this.u32(field)
    const high = this.u32(field)
    if (high >= 2 ** 21)
      throw new InputError(`value ${(BigInt(high) << 32n) | BigInt(low)} exceeds 2^53 (corrupt header?)`, {
        file: this.file,
        field,
      })
    return high * TWO_POW_32 + low
  }

  /** The next `size` bytes as a little-endian value in a DataView (scalar metadata only, not hot). */
  view(size: number, field: string): DataView {
    const b = this.bytes(size, field)
    return new DataView(b.buffer, b.byteOffset, size)
  }

  /** A GGUF string: u64 byte length, then UTF-8 bytes (length checked against the file before reading). */
  string(field: string): string {
    const length = this.u64(field)
    const b = this.bytes(length, field)
    try {
      return utf8.decode(b)
    } catch {
      throw new InputError(`string at byte ${this.position - length} is not valid UTF-8`, {file: this.file, field})
    }
  }
}
