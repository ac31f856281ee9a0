/**
 * Values stored in a TensorProto's typed fields instead of raw_data, turned into the
 * little-endian bytes raw_data would have held, so one decoder serves both. The
 * typed fields are `repeated` scalars, packed (one LEN field) or not (one field per
 * value); both are accepted. Per onnx.proto: float_data holds FLOAT; int32_data holds
 * INT32, INT16, INT8, UINT16, UINT8, BOOL and the bit patterns of FLOAT16, BFLOAT16
 * and FLOAT8 types; int64_data INT64; double_data DOUBLE; uint64_data UINT32, UINT64.
 */
import {
  bufferSource,
  fieldsOf,
  ProtobufError,
  readVarint,
  WIRE_I32,
  WIRE_I64,
  WIRE_LEN,
  WIRE_VARINT,
  type WireField,
} from './protobuf-wire.js'
import {TYPED_FIELDS, type TypedFieldNumber} from './onnx-dtypes.js'

/** How one stored element is written into the raw byte layout. */
type Put = (out: DataView, index: number, lo: number, hi: number) => void

const PUT_BY_DTYPE: Record<string, {size: number; put: Put}> = {
  I32: {size: 4, put: (o, i, lo) => o.setUint32(4 * i, lo, true)},
  I16: {size: 2, put: (o, i, lo) => o.setUint16(2 * i, lo & 0xffff, true)},
  U16: {size: 2, put: (o, i, lo) => o.setUint16(2 * i, lo & 0xffff, true)},
  F16: {size: 2, put: (o, i, lo) => o.setUint16(2 * i, lo & 0xffff, true)},
  BF16: {size: 2, put: (o, i, lo) => o.setUint16(2 * i, lo & 0xffff, true)},
  I8: {size: 1, put: (o, i, lo) => o.setUint8(i, lo & 0xff)},
  U8: {size: 1, put: (o, i, lo) => o.setUint8(i, lo & 0xff)},
  BOOL: {size: 1, put: (o, i, lo) => o.setUint8(i, lo & 0xff)},
  F8_E4M3: {size: 1, put: (o, i, lo) => o.setUint8(i, lo & 0xff)},
  F8_E5M2: {size: 1, put: (o, i, lo) => o.setUint8(i, lo & 0xff)},
  I64: {size: 8, put: putU64},
  U64: {size: 8, put: putU64},
  U32: {size: 4, put: (o, i, lo) => o.setUint32(4 * i, lo, true)},
}

function putU64(o: DataView, i: number, lo: number, hi: number): void {
  o.setUint32(8 * i, lo, true)
  o.setUint32(8 * i + 4, hi, true)
}

/**
 * The raw little-endian bytes of `count` elements of `dtype`, gathered from the
 * typed field `field` of the TensorProto in `message`. Throws ProtobufError on a
 * count mismatch or a wire type the field cannot have.
 */
export function typedValuesToRaw(
  message: Uint8Array,
  field: TypedFieldNumber,
  dtype: string,
  count: number,
  path: string,
): Uint8Array {
  const name = TYPED_FIELDS[field]
  const where = `${path}.${name}`
  const fixed = field === 4 ? 4 : field === 10 ? 8 : 0
  const size = fixed || PUT_BY_DTYPE[dtype]?.size
  if (!size) throw new ProtobufError(where, `dtype ${dtype} cannot be read from ${name}`)
  const raw = new Uint8Array(count * size)
  const out = new DataView(raw.buffer)
  const source = bufferSource(message)
  let n = 0
  const room = () => {
    if (n >= count) throw new ProtobufError(where, `holds more than the ${count} values the dims call for`)
  }
  for (const f of fieldsOf(source, 0, message.length, path)) {
    if (f.number !== field) continue
    if (fixed) n = copyFixed(message, f, fixed, raw, n, count, where)
    else if (f.wire === WIRE_VARINT) {
      room()
      PUT_BY_DTYPE[dtype].put(out, n++, f.lo, f.hi)
    } else if (f.wire === WIRE_LEN) {
      for (let p = f.start; p < f.start + f.length;) {
        const v = readVarint(source, p, f.start + f.length, where)
        room()
        PUT_BY_DTYPE[dtype].put(out, n++, v.lo, v.hi)
        p = v.next
      }
    } else throw new ProtobufError(where, `unexpected wire type ${f.wire}`)
  }
  if (n !== count) throw new ProtobufError(where, `holds ${n} values, expected ${count} (the product of dims)`)
  return raw
}

/** float_data (fixed32) or double_data (fixed64), packed or one value per field. */
function copyFixed(
  message: Uint8Array,
  f: WireField,
  size: number,
  raw: Uint8Array,
  n: number,
  count: number,
  where: string,
): number {
  const single = size === 4 ? WIRE_I32 : WIRE_I64
  if (f.wire !== WIRE_LEN && f.wire !== single) throw new ProtobufError(where, `unexpected wire type ${f.wire}`)
  if (f.length % size !== 0) throw new ProtobufError(where, `${f.length} bytes is not a whole number of values`)
  const values = f.length / size
  if (n + values > count) throw new ProtobufError(where, `holds more than the ${count} values the dims call for`)
  raw.set(message.subarray(f.start, f.start + f.length), n * size)
  return n + values
}
