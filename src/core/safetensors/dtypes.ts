/**
 * safetensors element types: byte sizes and exact decoding to float32/float64.
 *
 * Half-precision and 8-bit float formats are decoded through lookup tables built
 * from the bit layout (sign, exponent, mantissa), so every bit pattern maps to its
 * exact value (all F16, BF16 and F8 values are representable in float32):
 * - F16 (IEEE 754 binary16): bias 15, subnormals m·2⁻²⁴, exponent 31 = inf/NaN, max 65504.
 * - BF16 (bfloat16): the upper 16 bits of a float32, decoded as `u16 << 16`.
 * - F8_E4M3 (OCP FP8 "E4M3FN"): bias 7, no infinities, S.1111.111 = NaN, max 448.
 * - F8_E5M2 (OCP FP8): IEEE-like, bias 15, exponent 31 = inf/NaN, max 57344.
 * Integers decode to their value; I64/U64 go through BigInt and must be within ±2⁵³
 * (where float64 is still exact), otherwise decoding is refused.
 * References: OCP 8-bit Floating Point Specification (OFP8) rev. 1.0 (2023);
 * huggingface/safetensors `safetensors/src/tensor.rs` (dtype list and sizes).
 */

/** The dtypes infolens reads (the safetensors Rust core list). */
export const DTYPE_SIZES = {
  BOOL: 1,
  U8: 1,
  I8: 1,
  F8_E5M2: 1,
  F8_E4M3: 1,
  I16: 2,
  U16: 2,
  F16: 2,
  BF16: 2,
  I32: 4,
  U32: 4,
  F32: 4,
  F64: 8,
  I64: 8,
  U64: 8,
} as const

export type Dtype = keyof typeof DTYPE_SIZES

/** Newer dtypes some writers emit that infolens recognises but does not decode (packed or complex). */
export const UNSUPPORTED_DTYPES: readonly string[] = [
  'C64',
  'F8_E4M3FNUZ',
  'F8_E5M2FNUZ',
  'F8_E8M0',
  'F6_E3M2',
  'F6_E2M3',
  'F4',
]

export const FLOAT_DTYPES: readonly Dtype[] = ['F64', 'F32', 'F16', 'BF16', 'F8_E4M3', 'F8_E5M2']

export function isDtype(value: string): value is Dtype {
  return Object.prototype.hasOwnProperty.call(DTYPE_SIZES, value)
}

export function dtypeSize(dtype: Dtype): number {
  return DTYPE_SIZES[dtype]
}

/** Builds a decoding table for a small float format with `e` exponent and `m` mantissa bits. */
function minifloatTable(
  bits: number,
  e: number,
  m: number,
  special: (exp: number, mant: number) => number | undefined,
): Float32Array {
  const table = new Float32Array(1 << bits)
  const bias = (1 << (e - 1)) - 1
  for (let code = 0; code < table.length; code++) {
    const sign = code >> (e + m) ? -1 : 1
    const exp = (code >> m) & ((1 << e) - 1)
    const mant = code & ((1 << m) - 1)
    const s = special(exp, mant)
    if (s !== undefined) table[code] = sign * s
    else if (exp === 0) table[code] = sign * mant * 2 ** (1 - bias - m)
    else table[code] = sign * (1 + mant / (1 << m)) * 2 ** (exp - bias)
  }
  return table
}

let f16Table: Float32Array | undefined
let e4m3Table: Float32Array | undefined
let e5m2Table: Float32Array | undefined

/** All 65536 binary16 values, indexed by bit pattern. */
export function float16Table(): Float32Array {
  f16Table ??= minifloatTable(16, 5, 10, (exp, mant) => (exp === 31 ? (mant === 0 ? Infinity : Number.NaN) : undefined))
  return f16Table
}

/** All 256 E4M3FN values: no infinities, only S.1111.111 is NaN. */
export function float8E4M3Table(): Float32Array {
  e4m3Table ??= minifloatTable(8, 4, 3, (exp, mant) => (exp === 15 && mant === 7 ? Number.NaN : undefined))
  return e4m3Table
}

/** All 256 E5M2 values (IEEE-like). */
export function float8E5M2Table(): Float32Array {
  e5m2Table ??= minifloatTable(8, 5, 2, (exp, mant) => (exp === 31 ? (mant === 0 ? Infinity : Number.NaN) : undefined))
  return e5m2Table
}

/** Thrown by decoders for values float64 cannot hold exactly; the reader adds file and tensor. */
export class DecodeRangeError extends Error {}

const hostLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

type Out = Float32Array | Float64Array

/**
 * Decodes `bytes` (little-endian, C order) of `dtype` into `out` (same element count).
 * `bytes` must start at an 8-aligned offset of its ArrayBuffer (the reader allocates it so).
 */
export function decodeInto(dtype: Dtype, bytes: Uint8Array, out: Out): void {
  const n = out.length
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const view = <T>(Ctor: new (b: ArrayBufferLike, o: number, l: number) => T): T | undefined =>
    hostLittleEndian ? new Ctor(bytes.buffer, bytes.byteOffset, n) : undefined
  switch (dtype) {
    case 'F32': {
      const v = view(Float32Array)
      for (let i = 0; i < n; i++) out[i] = v ? v[i] : dv.getFloat32(4 * i, true)
      return
    }
    case 'F64': {
      const v = view(Float64Array)
      for (let i = 0; i < n; i++) out[i] = v ? v[i] : dv.getFloat64(8 * i, true)
      return
    }
    case 'BF16': {
      // A bf16 value is the upper half of a float32: shift its bits into place.
      if (hostLittleEndian && out instanceof Float32Array) return bf16IntoFloat32(bytes, out)
      const u16 = view(Uint16Array)
      const u32 = new Uint32Array(1)
      const f32 = new Float32Array(u32.buffer)
      for (let i = 0; i < n; i++) {
        u32[0] = (u16 ? u16[i] : dv.getUint16(2 * i, true)) << 16
        out[i] = f32[0]
      }
      return
    }
    case 'F16': {
      const t = float16Table()
      const u16 = view(Uint16Array)
      for (let i = 0; i < n; i++) out[i] = t[u16 ? u16[i] : dv.getUint16(2 * i, true)]
      return
    }
    case 'F8_E4M3':
    case 'F8_E5M2': {
      const t = dtype === 'F8_E4M3' ? float8E4M3Table() : float8E5M2Table()
      for (let i = 0; i < n; i++) out[i] = t[bytes[i]]
      return
    }
    case 'BOOL':
      for (let i = 0; i < n; i++) out[i] = bytes[i] === 0 ? 0 : 1
      return
    case 'U8':
      for (let i = 0; i < n; i++) out[i] = bytes[i]
      return
    case 'I8':
      for (let i = 0; i < n; i++) out[i] = dv.getInt8(i)
      return
    case 'I16':
      for (let i = 0; i < n; i++) out[i] = dv.getInt16(2 * i, true)
      return
    case 'U16':
      for (let i = 0; i < n; i++) out[i] = dv.getUint16(2 * i, true)
      return
    case 'I32':
      for (let i = 0; i < n; i++) out[i] = dv.getInt32(4 * i, true)
      return
    case 'U32':
      for (let i = 0; i < n; i++) out[i] = dv.getUint32(4 * i, true)
      return
    case 'I64':
    case 'U64':
      for (let i = 0; i < n; i++) {
        const b = dtype === 'I64' ? dv.getBigInt64(8 * i, true) : dv.getBigUint64(8 * i, true)
        if (b > MAX_EXACT || b < -MAX_EXACT) {
          throw new DecodeRangeError(`element ${i} = ${b} is outside ±2^53, where float64 is no longer exact`)
        }
        out[i] = Number(b)
      }
      return
  }
}

const MAX_EXACT = 2n ** 53n

/** BF16 → float32 on a little-endian host: each output word is the input half-word shifted up (monomorphic hot loop). */
function bf16IntoFloat32(bytes: Uint8Array, out: Float32Array): void {
  const n = out.length
  const u16 = new Uint16Array(bytes.buffer, bytes.byteOffset, n)
  const o32 = new Int32Array(out.buffer, out.byteOffset, n)
  for (let i = 0; i < n; i++) o32[i] = u16[i] << 16
}
