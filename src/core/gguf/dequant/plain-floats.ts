/**
 * GGUF's unblocked float types decoded to float32: F32 (copied), F16 (IEEE binary16,
 * through the 65536-entry lookup table shared with safetensors) and BF16 (the upper
 * half of a float32: `u16 << 16`). All three are exact in float32.
 */
import {float16Table} from '../../safetensors/dtypes.js'

export function decodeF32(src: Uint8Array, out: Float32Array): void {
  new Uint8Array(out.buffer, out.byteOffset, out.length * 4).set(src.subarray(0, out.length * 4))
}

/** The bytes as little-endian u16 codes: a view when aligned (a tensor's own buffer is), else a copy. */
function halfCodes(src: Uint8Array, count: number): Uint16Array {
  if (littleEndianHost && src.byteOffset % 2 === 0) return new Uint16Array(src.buffer, src.byteOffset, count)
  const codes = new Uint16Array(count)
  for (let i = 0; i < count; i++) codes[i] = src[2 * i] | (src[2 * i + 1] << 8)
  return codes
}

const littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

export function decodeF16(src: Uint8Array, out: Float32Array): void {
  const table = float16Table()
  const codes = halfCodes(src, out.length)
  for (let i = 0; i < out.length; i++) out[i] = table[codes[i]]
}

export function decodeBF16(src: Uint8Array, out: Float32Array): void {
  const bits = new Uint32Array(out.buffer, out.byteOffset, out.length)
  const codes = halfCodes(src, out.length)
  for (let i = 0; i < out.length; i++) bits[i] = codes[i] << 16
}
