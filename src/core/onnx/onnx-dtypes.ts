/**
 * ONNX element types (`TensorProto.DataType`) in infolens' words: the safetensors
 * dtype name where one exists (FLOAT → F32, FLOAT16 → F16, BFLOAT16 → BF16,
 * DOUBLE → F64, INT64 → I64, FLOAT8E4M3FN → F8_E4M3, …), the byte size of one
 * element in raw_data (sub-byte types pack 2 or 4 per byte), and which typed field
 * holds the values when raw_data is not used (onnx/onnx.proto, `TensorProto`:
 * float_data, int32_data, string_data, int64_data, double_data, uint64_data).
 */
import {type Dtype, isDtype} from '../safetensors/dtypes.js'

/** The typed TensorProto fields, by field number. */
export const TYPED_FIELDS = {
  4: 'float_data',
  5: 'int32_data',
  6: 'string_data',
  7: 'int64_data',
  10: 'double_data',
  11: 'uint64_data',
} as const

export type TypedFieldNumber = keyof typeof TYPED_FIELDS

interface OnnxType {
  readonly onnx: string
  /** infolens' dtype name (the safetensors name where one exists). */
  readonly dtype: string
  /** Bits per element (0 for STRING, which has no fixed size). */
  readonly bits: number
  /** The typed field that holds values of this type outside raw_data. */
  readonly field: TypedFieldNumber
}

const TYPES: Record<number, OnnxType> = {
  1: {onnx: 'FLOAT', dtype: 'F32', bits: 32, field: 4},
  2: {onnx: 'UINT8', dtype: 'U8', bits: 8, field: 5},
  3: {onnx: 'INT8', dtype: 'I8', bits: 8, field: 5},
  4: {onnx: 'UINT16', dtype: 'U16', bits: 16, field: 5},
  5: {onnx: 'INT16', dtype: 'I16', bits: 16, field: 5},
  6: {onnx: 'INT32', dtype: 'I32', bits: 32, field: 5},
  7: {onnx: 'INT64', dtype: 'I64', bits: 64, field: 7},
  8: {onnx: 'STRING', dtype: 'STRING', bits: 0, field: 6},
  9: {onnx: 'BOOL', dtype: 'BOOL', bits: 8, field: 5},
  10: {onnx: 'FLOAT16', dtype: 'F16', bits: 16, field: 5},
  11: {onnx: 'DOUBLE', dtype: 'F64', bits: 64, field: 10},
  12: {onnx: 'UINT32', dtype: 'U32', bits: 32, field: 11},
  13: {onnx: 'UINT64', dtype: 'U64', bits: 64, field: 11},
  14: {onnx: 'COMPLEX64', dtype: 'C64', bits: 64, field: 4},
  15: {onnx: 'COMPLEX128', dtype: 'C128', bits: 128, field: 10},
  16: {onnx: 'BFLOAT16', dtype: 'BF16', bits: 16, field: 5},
  17: {onnx: 'FLOAT8E4M3FN', dtype: 'F8_E4M3', bits: 8, field: 5},
  18: {onnx: 'FLOAT8E4M3FNUZ', dtype: 'F8_E4M3FNUZ', bits: 8, field: 5},
  19: {onnx: 'FLOAT8E5M2', dtype: 'F8_E5M2', bits: 8, field: 5},
  20: {onnx: 'FLOAT8E5M2FNUZ', dtype: 'F8_E5M2FNUZ', bits: 8, field: 5},
  21: {onnx: 'UINT4', dtype: 'U4', bits: 4, field: 5},
  22: {onnx: 'INT4', dtype: 'I4', bits: 4, field: 5},
  23: {onnx: 'FLOAT4E2M1', dtype: 'F4', bits: 4, field: 5},
  24: {onnx: 'FLOAT8E8M0', dtype: 'F8_E8M0', bits: 8, field: 5},
  25: {onnx: 'UINT2', dtype: 'U2', bits: 2, field: 5},
  26: {onnx: 'INT2', dtype: 'I2', bits: 2, field: 5},
}

export function onnxType(dataType: number): OnnxType | undefined {
  return TYPES[dataType]
}

/** Bytes that `count` elements take in raw_data or external data (sub-byte types packed, rounded up). */
export function rawByteLength(type: OnnxType, count: number): number {
  return Math.ceil((count * type.bits) / 8)
}

/** The safetensors dtype infolens decodes, or undefined for types it lists but cannot decode. */
export function decodableDtype(type: OnnxType): Dtype | undefined {
  return isDtype(type.dtype) ? type.dtype : undefined
}
