/**
 * The protobuf wire format, read field by field from a byte source (a file window
 * or a buffer). ONNX models are protobuf messages, but a protobuf library decodes a
 * message from one buffer holding all of it, so a 2 GB model would sit in memory
 * and every raw_data payload would be copied. Walking the wire format ourselves
 * lets the reader descend only into the small messages it needs (graph, node,
 * attribute, tensor headers) and keep each tensor's payload as a file position.
 * Reference: https://protobuf.dev/programming-guides/encoding/ (varints, tags,
 * wire types 0 VARINT, 1 I64, 2 LEN, 5 I32; groups 3/4 are deprecated and refused).
 */

/** Bytes from `position`: at least min(want, size − position) of them, starting at `offset` in `bytes`. */
export interface ByteSource {
  readonly size: number
  window(position: number, want: number): {bytes: Uint8Array; offset: number}
}

/** A buffer as a byte source (a whole message already read). */
export function bufferSource(bytes: Uint8Array): ByteSource {
  return {size: bytes.length, window: (position) => ({bytes, offset: position})}
}

/** A malformed message; `path` says where (`graph.initializer[3]`). Readers add the file. */
export class ProtobufError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message)
  }
}

export const WIRE_VARINT = 0
export const WIRE_I64 = 1
export const WIRE_LEN = 2
export const WIRE_I32 = 5

export interface WireField {
  readonly number: number
  readonly wire: number
  /** Varint fields: the value's low and high 32 bits (unsigned). */
  readonly lo: number
  readonly hi: number
  /** LEN, I32 and I64 fields: where the payload starts (absolute) and its length in bytes. */
  readonly start: number
  readonly length: number
}

/** A decoded varint: low and high 32 bits (unsigned) and the position after it. */
export interface Varint {
  readonly lo: number
  readonly hi: number
  readonly next: number
}

/** Reads the varint at `position` (at most 10 bytes, never past `end`). */
export function readVarint(source: ByteSource, position: number, end: number, path: string): Varint {
  const {bytes, offset} = source.window(position, 10)
  const limit = offset + Math.min(10, end - position, bytes.length - offset)
  let lo = 0
  let hi = 0
  for (let k = 0, i = offset; k < 10; k++, i++) {
    if (i >= limit) throw new ProtobufError(path, `varint at byte ${position} runs past the end of its message`)
    const b = bytes[i] & 0x7f
    if (k < 4) lo |= b << (7 * k)
    else if (k === 4) {
      lo |= b << 28
      hi = b >>> 4
    } else hi |= b << (7 * k - 32)
    if (bytes[i] < 0x80) return {lo: lo >>> 0, hi: hi >>> 0, next: position + k + 1}
  }
  throw new ProtobufError(path, `varint at byte ${position} is longer than 10 bytes`)
}

/** The varint as an unsigned integer, or NaN when it is 2^53 or more (no longer exact as a number). */
export function unsignedOf(v: Pick<Varint, 'lo' | 'hi'>): number {
  return v.hi < 2 ** 21 ? v.hi * 2 ** 32 + v.lo : Number.NaN
}

/** The varint as a signed 64-bit integer (two's complement), or NaN beyond ±2^53. */
export function int64Of(v: Pick<Varint, 'lo' | 'hi'>): number {
  const high = v.hi | 0
  return high >= -(2 ** 21) && high < 2 ** 21 ? high * 2 ** 32 + v.lo : Number.NaN
}

/** The fields of the message occupying [start, end) of `source`, in stored order. */
export function* fieldsOf(
  source: ByteSource,
  start: number,
  end: number,
  path: string,
  names: Readonly<Record<number, string>> = {},
): Generator<WireField> {
  const label = (n: number) => (names[n] ? `${names[n]} (field ${n})` : `field ${n}`)
  let position = start
  while (position < end) {
    const tag = readVarint(source, position, end, path)
    const number = Math.floor(unsignedOf(tag) / 8)
    const wire = tag.lo & 7
    if (!(number >= 1 && number < 2 ** 29)) throw new ProtobufError(path, `invalid field number at byte ${position}`)
    position = tag.next
    if (wire === WIRE_VARINT) {
      const v = readVarint(source, position, end, path)
      yield {number: number, wire, lo: v.lo, hi: v.hi, start: position, length: v.next - position}
      position = v.next
      continue
    }
    let length: number
    if (wire === WIRE_LEN) {
      const n = readVarint(source, position, end, path)
      length = unsignedOf(n)
      position = n.next
    } else if (wire === WIRE_I64) length = 8
    else if (wire === WIRE_I32) length = 4
    else throw new ProtobufError(path, `${label(number)} has wire type ${wire} (groups are not used by ONNX)`)
    if (!(position + length <= end)) {
      const parent = end === source.size ? `the file (${end} bytes; truncated?)` : `its message (byte ${end})`
      throw new ProtobufError(
        path,
        `${label(number)} of ${length} bytes at byte ${position} runs past the end of ${parent}`,
      )
    }
    yield {number: number, wire, lo: 0, hi: 0, start: position, length}
    position += length
  }
}

const utf8 = new TextDecoder('utf-8', {fatal: false})

/** A LEN field's payload as UTF-8 text. */
export function stringOf(source: ByteSource, field: WireField): string {
  const {bytes, offset} = source.window(field.start, field.length)
  return utf8.decode(bytes.subarray(offset, offset + field.length))
}
