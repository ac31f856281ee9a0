/**
 * One ONNX `TensorProto` read as a header: name, data_type, dims and where the
 * values are (raw_data position, external_data keys, or the typed fields), without
 * reading the values themselves. Field numbers from onnx/onnx.proto: 1 dims,
 * 2 data_type, 3 segment, 4 float_data, 5 int32_data, 6 string_data, 7 int64_data,
 * 8 name, 9 raw_data, 10 double_data, 11 uint64_data, 13 external_data
 * (StringStringEntryProto: 1 key, 2 value), 14 data_location (1 = EXTERNAL).
 */
import {
  type ByteSource,
  fieldsOf,
  int64Of,
  ProtobufError,
  readVarint,
  stringOf,
  WIRE_LEN,
  WIRE_VARINT,
  type WireField,
} from './protobuf-wire.js'
import {TYPED_FIELDS, type TypedFieldNumber} from './onnx-dtypes.js'

export interface TensorHeader {
  readonly name: string
  readonly dataType: number
  readonly dims: number[]
  /** The raw_data payload (absolute position in the file), if present. */
  readonly raw?: {readonly start: number; readonly length: number}
  /** data_location = EXTERNAL: the external_data keys (location, offset, length, checksum). */
  readonly external?: Readonly<Record<string, string>>
  /** The typed fields present (float_data, int64_data, …) and their payload bytes. */
  readonly typed: readonly {readonly number: TypedFieldNumber; readonly bytes: number}[]
  /** Where the whole TensorProto lies, to read the typed fields again on demand. */
  readonly message: {readonly start: number; readonly end: number}
}

const DATA_LOCATION_EXTERNAL = 1

const FIELD_NAMES: Readonly<Record<number, string>> = {
  1: 'dims',
  2: 'data_type',
  8: 'name',
  9: 'raw_data',
  13: 'external_data',
  ...TYPED_FIELDS,
}

/** Reads the header of the TensorProto at [start, end). */
export function readTensorHeader(source: ByteSource, start: number, end: number, path: string): TensorHeader {
  let name = ''
  let dataType = 0
  let location = 0
  const dims: number[] = []
  const external: Record<string, string> = {}
  const typed: {number: TypedFieldNumber; bytes: number}[] = []
  let raw: TensorHeader['raw']
  try {
    for (const f of fieldsOf(source, start, end, path, FIELD_NAMES)) {
      if (f.number === 1) readDims(source, f, path, dims)
      else if (f.number === 2) dataType = varintField(f, path, 'data_type')
      else if (f.number === 3) throw new ProtobufError(path, 'segment: segmented tensors are not supported')
      else if (f.number === 8) name = lenField(source, f, path, 'name')
      else if (f.number === 9) raw = {start: f.start, length: lenLength(f, path, 'raw_data')}
      else if (f.number === 13) readEntry(source, f, `${path}.external_data`, external)
      else if (f.number === 14) location = varintField(f, path, 'data_location')
      else if (f.number in TYPED_FIELDS) typed.push({number: f.number as TypedFieldNumber, bytes: f.length})
    }
  } catch (error) {
    // name (field 8) comes before raw_data (9) in every writer's output: say which tensor is damaged
    if (error instanceof ProtobufError && name) throw new ProtobufError(`${error.path} (${name})`, error.message)
    throw error
  }
  return {
    name,
    dataType,
    dims,
    raw,
    external: location === DATA_LOCATION_EXTERNAL ? external : undefined,
    typed,
    message: {start, end},
  }
}

/** dims is `repeated int64`: unpacked (one varint per field) or packed (one LEN field). */
function readDims(source: ByteSource, f: WireField, path: string, dims: number[]): void {
  const push = (lo: number, hi: number) => {
    const d = int64Of({lo, hi})
    if (!(d >= 0)) throw new ProtobufError(`${path}.dims`, `expected non-negative dimensions, got ${d}`)
    dims.push(d)
  }
  if (f.wire === WIRE_VARINT) return push(f.lo, f.hi)
  if (f.wire !== WIRE_LEN) throw new ProtobufError(`${path}.dims`, `unexpected wire type ${f.wire}`)
  for (let p = f.start; p < f.start + f.length;) {
    const v = readVarint(source, p, f.start + f.length, `${path}.dims`)
    push(v.lo, v.hi)
    p = v.next
  }
}

function varintField(f: WireField, path: string, what: string): number {
  if (f.wire !== WIRE_VARINT) throw new ProtobufError(`${path}.${what}`, `expected a varint, got wire type ${f.wire}`)
  return int64Of(f)
}

function lenLength(f: WireField, path: string, what: string): number {
  if (f.wire !== WIRE_LEN) throw new ProtobufError(`${path}.${what}`, `expected bytes, got wire type ${f.wire}`)
  return f.length
}

function lenField(source: ByteSource, f: WireField, path: string, what: string): string {
  lenLength(f, path, what)
  return stringOf(source, f)
}

/** A StringStringEntryProto (1 key, 2 value) into `into`. */
export function readEntry(source: ByteSource, f: WireField, path: string, into: Record<string, string>): void {
  lenLength(f, path, 'entry')
  let key = ''
  let value = ''
  for (const e of fieldsOf(source, f.start, f.start + f.length, path)) {
    if (e.number === 1) key = lenField(source, e, path, 'key')
    else if (e.number === 2) value = lenField(source, e, path, 'value')
  }
  into[key] = value
}
