/**
 * A bounds-checked cursor over pickle bytes: the fixed-width little-endian integers,
 * the big-endian float64 of BINFLOAT, length-prefixed strings and newline-terminated
 * GLOBAL arguments. Every read past the end is a PickleRefusal ("truncated"), never an
 * out-of-range read.
 */
import {PickleRefusal} from './pickle-refusal.js'

const utf8 = new TextDecoder('utf-8', {fatal: true})
/** GLOBAL's module and name lines are Python identifiers; anything longer is hostile. */
const MAX_LINE = 256

export class PickleCursor {
  position = 0
  private readonly view: DataView

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  get atEnd(): boolean {
    return this.position >= this.bytes.length
  }

  u8(): number {
    return this.view.getUint8(this.take(1))
  }

  u16(): number {
    return this.view.getUint16(this.take(2), true)
  }

  u32(): number {
    return this.view.getUint32(this.take(4), true)
  }

  i32(): number {
    return this.view.getInt32(this.take(4), true)
  }

  /** A u64 length; lengths beyond the remaining bytes are refused by `bytesOf` anyway. */
  u64(): number {
    const value = this.view.getBigUint64(this.take(8), true)
    return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value)
  }

  f64BigEndian(): number {
    return this.view.getFloat64(this.take(8), false)
  }

  bytesOf(length: number): Uint8Array {
    const at = this.take(length)
    return this.bytes.slice(at, at + length)
  }

  utf8Of(length: number): string {
    const at = this.take(length)
    try {
      return utf8.decode(this.bytes.subarray(at, at + length))
    } catch {
      throw new PickleRefusal(`string at byte ${at} is not UTF-8`)
    }
  }

  /** A newline-terminated ASCII line (GLOBAL's module and name). */
  line(): string {
    const end = this.bytes.indexOf(0x0a, this.position)
    if (end < 0 || end - this.position > MAX_LINE)
      throw new PickleRefusal(`GLOBAL argument at byte ${this.position} is not a short line`)
    const text = this.utf8Of(end - this.position)
    this.position++
    return text
  }

  private take(length: number): number {
    if (length < 0 || this.position + length > this.bytes.length)
      throw new PickleRefusal(`truncated: ${length} bytes needed at byte ${this.position} of ${this.bytes.length}`)
    const at = this.position
    this.position += length
    return at
  }
}
