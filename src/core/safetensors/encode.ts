/**
 * Encoding numbers into safetensors element bytes (little-endian), the inverse of
 * dtypes.ts. Rounding is IEEE 754 round-to-nearest-even, the rule numpy's
 * `astype(float16)` and PyTorch's bf16 conversion use:
 * - F16: rounded directly from the given value (float32 or float64), with
 *   subnormals, overflow to ±inf at |x| ≥ 65520 and NaN kept NaN;
 * - BF16: the float32 value's upper half after adding 0x7FFF + lsb (the usual
 *   RNE trick), NaN mapped to a quiet NaN (the trick alone could round a NaN to inf).
 */
import {type Dtype, dtypeSize} from './dtypes.js'

export type NumericArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array

const f64 = new Float64Array(1)
const f64Words = new Uint32Array(f64.buffer)
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1
/** Index of a float64's high 32-bit word (sign, exponent) in f64Words. */
const hiWord = littleEndian ? 1 : 0

/** Round half to even of a non-negative number. */
function roundHalfEven(x: number): number {
  const f = Math.floor(x)
  const d = x - f
  if (d > 0.5) return f + 1
  if (d < 0.5) return f
  return f % 2 === 0 ? f : f + 1
}

/** binary16 bit pattern of `x`, rounded to nearest even. */
export function float16Bits(x: number): number {
  if (Number.isNaN(x)) return 0x7e00
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0
  const a = Math.abs(x)
  if (a >= 65520) return sign | 0x7c00 // halfway between 65504 and 2^16 rounds to even: inf
  if (a < 2 ** -14) return sign | roundHalfEven(a * 2 ** 24) // subnormal (1024 becomes the smallest normal)
  f64[0] = a
  let e = ((f64Words[hiWord] >>> 20) & 0x7ff) - 1023
  let m = roundHalfEven((a / 2 ** e - 1) * 1024)
  if (m === 1024) {
    m = 0
    e += 1
  }
  return sign | ((e + 15) << 10) | m
}

const f32 = new Float32Array(1)
const f32Bits = new Uint32Array(f32.buffer)

/** bfloat16 bit pattern of `x` (via float32), rounded to nearest even. */
export function bfloat16Bits(x: number): number {
  f32[0] = x
  const u = f32Bits[0]
  if (Number.isNaN(f32[0])) return ((u >>> 16) & 0x8000) | 0x7fc0
  return ((u + 0x7fff + ((u >>> 16) & 1)) >>> 16) & 0xffff
}

/** Encodes `data` as `dtype` bytes (little-endian). Integer dtypes take integers; BOOL takes 0/non-zero. */
export function encodeElements(dtype: Dtype, data: NumericArray): Uint8Array {
  const n = data.length
  if (
    littleEndian &&
    ((dtype === 'F32' && data instanceof Float32Array) || (dtype === 'F64' && data instanceof Float64Array))
  ) {
    return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength))
  }
  const out = new Uint8Array(n * dtypeSize(dtype))
  const dv = new DataView(out.buffer)
  const num = (i: number) => Number(data[i])
  const big = (i: number) => (typeof data[i] === 'bigint' ? (data[i] as bigint) : BigInt(Math.trunc(data[i] as number)))
  for (let i = 0; i < n; i++) {
    switch (dtype) {
      case 'F64':
        dv.setFloat64(8 * i, num(i), true)
        break
      case 'F32':
        dv.setFloat32(4 * i, num(i), true)
        break
      case 'F16':
        dv.setUint16(2 * i, float16Bits(num(i)), true)
        break
      case 'BF16':
        dv.setUint16(2 * i, bfloat16Bits(num(i)), true)
        break
      case 'BOOL':
        out[i] = num(i) === 0 ? 0 : 1
        break
      case 'U8':
        dv.setUint8(i, num(i))
        break
      case 'I8':
        dv.setInt8(i, num(i))
        break
      case 'I16':
        dv.setInt16(2 * i, num(i), true)
        break
      case 'U16':
        dv.setUint16(2 * i, num(i), true)
        break
      case 'I32':
        dv.setInt32(4 * i, num(i), true)
        break
      case 'U32':
        dv.setUint32(4 * i, num(i), true)
        break
      case 'I64':
        dv.setBigInt64(8 * i, big(i), true)
        break
      case 'U64':
        dv.setBigUint64(8 * i, big(i), true)
        break
      default:
        throw new Error(`encoding ${dtype} from numbers is not supported; pass raw bytes`)
    }
  }
  return out
}
