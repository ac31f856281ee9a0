/**
 * GGUF metadata values (the `gguf_type` of each key/value pair) turned into the strings
 * `Checkpoint.metadata` holds: scalars as their value (`llama`, `4096`, `true`, `1e-05`),
 * arrays summarised by element count and type (`[array of 32000 string]`) and skipped
 * unread, so a tokenizer of 150k entries costs neither memory nor time. Integer scalars
 * are kept as numbers too, for the keys the reader checks (`general.alignment`, `split.*`).
 */
import {InputError} from '../errors.js'
import type {HeaderCursor} from './header-cursor.js'

/** Value type ids of the GGUF spec (ggml/docs/gguf.md, `enum gguf_metadata_value_type`). */
const VALUE_TYPES = [
  'uint8',
  'int8',
  'uint16',
  'int16',
  'uint32',
  'int32',
  'float32',
  'bool',
  'string',
  'array',
  'uint64',
  'int64',
  'float64',
] as const

type ValueType = (typeof VALUE_TYPES)[number]

/** Bytes of one element of a fixed-size type (string and array excluded). */
const FIXED_SIZE: Partial<Record<ValueType, number>> = {
  uint8: 1,
  int8: 1,
  bool: 1,
  uint16: 2,
  int16: 2,
  uint32: 4,
  int32: 4,
  float32: 4,
  uint64: 8,
  int64: 8,
  float64: 8,
}

export interface MetadataValue {
  readonly text: string
  /** The value of an integer scalar (exact; int64/uint64 only when below 2^53). */
  readonly integer?: number
  readonly type: string
}

function valueType(cursor: HeaderCursor, field: string): ValueType {
  const id = cursor.u32(field)
  const type = VALUE_TYPES[id]
  if (type === undefined)
    throw new InputError(`unknown metadata value type ${id} (expected 0-12)`, {file: cursor.file, field})
  return type
}

/** Reads one value (type id first) at the cursor. */
export function readMetadataValue(cursor: HeaderCursor, field: string): MetadataValue {
  const type = valueType(cursor, field)
  if (type === 'array') return readArraySummary(cursor, field)
  if (type === 'string') return {type, text: cursor.string(field)}
  return readScalar(cursor, type, field)
}

function readScalar(cursor: HeaderCursor, type: ValueType, field: string): MetadataValue {
  const v = cursor.view(FIXED_SIZE[type]!, field)
  switch (type) {
    case 'bool':
      return {type, text: v.getUint8(0) === 0 ? 'false' : 'true'}
    case 'float32':
      return {type, text: shortestFloat32(v.getFloat32(0, true))}
    case 'float64':
      return {type, text: String(v.getFloat64(0, true))}
    case 'uint64':
    case 'int64': {
      const big = type === 'uint64' ? v.getBigUint64(0, true) : v.getBigInt64(0, true)
      const safe = big <= BigInt(Number.MAX_SAFE_INTEGER) && big >= -BigInt(Number.MAX_SAFE_INTEGER)
      return {type, text: big.toString(), integer: safe ? Number(big) : undefined}
    }
    default: {
      const n = integerOf(v, type)
      return {type, text: String(n), integer: n}
    }
  }
}

function integerOf(v: DataView, type: ValueType): number {
  if (type === 'uint8') return v.getUint8(0)
  if (type === 'int8') return v.getInt8(0)
  if (type === 'uint16') return v.getUint16(0, true)
  if (type === 'int16') return v.getInt16(0, true)
  if (type === 'uint32') return v.getUint32(0, true)
  return v.getInt32(0, true)
}

/** The shortest decimal that reads back as the same float32 (`1e-05`, not `0.000009999999747378752`). */
function shortestFloat32(x: number): string {
  if (!Number.isFinite(x)) return String(x)
  for (let digits = 1; digits < 9; digits++) {
    const text = Number(x.toPrecision(digits))
    if (Math.fround(text) === x) return String(text)
  }
  return String(x)
}

/** `[array of N type]`; the elements are skipped (strings one length at a time, nested arrays recursively). */
function readArraySummary(cursor: HeaderCursor, field: string): MetadataValue {
  const type = valueType(cursor, field)
  const count = cursor.u64(field)
  skipElements(cursor, type, count, field, 1)
  return {type: 'array', text: `[array of ${count} ${type}]`}
}

/** Arrays of arrays deeper than this are refused (real files nest at most once; a crafted one could overflow the stack). */
const MAX_NESTING = 8

function skipElements(cursor: HeaderCursor, type: ValueType, count: number, field: string, depth: number): void {
  if (depth > MAX_NESTING)
    throw new InputError(`arrays nested more than ${MAX_NESTING} deep`, {file: cursor.file, field})
  const fixed = FIXED_SIZE[type]
  if (fixed !== undefined) return cursor.skip(count * fixed, field)
  // a string or an array element takes at least 8 bytes (its length or type + count): bound count first
  if (count * 8 > cursor.remaining)
    throw new InputError(`array of ${count} ${type} cannot fit in the ${cursor.remaining} bytes left`, {
      file: cursor.file,
      field,
    })
  for (let i = 0; i < count; i++) {
    if (type === 'string') cursor.skip(cursor.u64(field), field)
    else {
      const inner = valueType(cursor, field)
      skipElements(cursor, inner, cursor.u64(field), field, depth + 1)
    }
  }
}
