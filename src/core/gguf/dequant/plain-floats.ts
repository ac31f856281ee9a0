/**
 * GGUF's unblocked float types decoded to float32: F32 (copied), F16 (IEEE binary16,
 * through the 65536-entry lookup table shared with safetensors) and BF16 (the upper
 * half of a float32: `u16 << 16`). All three are exact in float32.
 */
import {float16Table} from '../../safetensors/dtypes.js'

export function decodeF32(src: Uint8Array, out: Float32Array): void {
  new Uint8Array(out.buffer, out.byteOffset, out.length * 4).set(src.subarray(0, out.length * 4))
}

export function decodeF16(src: Uint8Array, out: Float32Array): void {
  const table = float16Table()
  for (let i = 0, s = 0; i < out.length; i++, s += 2) out[i] = table[src[s] | (src[s + 1] << 8)]
}

export function decodeBF16(src: Uint8Array, out: Float32Array): void {
  const bits = new Uint32Array(out.buffer, out.byteOffset, out.length)
  for (let i = 0, s = 0; i < out.length; i++, s += 2) bits[i] = (src[s] << 16) | (src[s + 1] << 24)
}
