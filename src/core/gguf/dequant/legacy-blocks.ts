/**
 * Dequantization of ggml's first block formats (32 weights per block, one float16
 * scale `d`, and for the `_1` kinds a float16 offset `m`), as laid out in ggml-common.h:
 *
 * | type | bytes | layout                                  | value                    |
 * |------|-------|-----------------------------------------|--------------------------|
 * | Q4_0 | 18    | d, qs[16]                               | d·(q − 8)                |
 * | Q4_1 | 20    | d, m, qs[16]                            | d·q + m                  |
 * | Q5_0 | 22    | d, qh[4], qs[16]                        | d·(q − 16)               |
 * | Q5_1 | 24    | d, m, qh[4], qs[16]                     | d·q + m                  |
 * | Q8_0 | 34    | d, qs[32] (int8)                        | d·q                      |
 *
 * 4-bit codes: byte j holds weight j in its low nibble and weight j+16 in its high one;
 * the fifth bit of weight j is bit j of the little-endian u32 `qh`. Every product and
 * sum is exact in float64 (≤ 11 + 5 bits of mantissa), so storing it into a Float32Array
 * rounds once, exactly as ggml's float32 arithmetic does: bit-for-bit ggml's values.
 * Pure functions: `src` holds whole blocks, `out` receives 32 floats per block.
 */
import {float16Table} from '../../safetensors/dtypes.js'

const QK = 32

export function dequantizeQ4_0(src: Uint8Array, out: Float32Array): void {
  const half = float16Table()
  for (let s = 0, o = 0; o < out.length; s += 18, o += QK) {
    const d = half[src[s] | (src[s + 1] << 8)]
    for (let j = 0; j < 16; j++) {
      const q = src[s + 2 + j]
      out[o + j] = d * ((q & 0x0f) - 8)
      out[o + j + 16] = d * ((q >> 4) - 8)
    }
  }
}

export function dequantizeQ4_1(src: Uint8Array, out: Float32Array): void {
  const half = float16Table()
  for (let s = 0, o = 0; o < out.length; s += 20, o += QK) {
    const d = half[src[s] | (src[s + 1] << 8)]
    const m = half[src[s + 2] | (src[s + 3] << 8)]
    for (let j = 0; j < 16; j++) {
      const q = src[s + 4 + j]
      out[o + j] = d * (q & 0x0f) + m
      out[o + j + 16] = d * (q >> 4) + m
    }
  }
}

/** The 32 fifth bits of a Q5 block, a little-endian u32 at `at`. */
function highBits(src: Uint8Array, at: number): number {
  return (src[at] | (src[at + 1] << 8) | (src[at + 2] << 16) | (src[at + 3] << 24)) >>> 0
}

export function dequantizeQ5_0(src: Uint8Array, out: Float32Array): void {
  const half = float16Table()
  for (let s = 0, o = 0; o < out.length; s += 22, o += QK) {
    const d = half[src[s] | (src[s + 1] << 8)]
    const qh = highBits(src, s + 2)
    for (let j = 0; j < 16; j++) {
      const q = src[s + 6 + j]
      out[o + j] = d * (((q & 0x0f) | (((qh >>> j) & 1) << 4)) - 16)
      out[o + j + 16] = d * (((q >> 4) | (((qh >>> (j + 16)) & 1) << 4)) - 16)
    }
  }
}

export function dequantizeQ5_1(src: Uint8Array, out: Float32Array): void {
  const half = float16Table()
  for (let s = 0, o = 0; o < out.length; s += 24, o += QK) {
    const d = half[src[s] | (src[s + 1] << 8)]
    const m = half[src[s + 2] | (src[s + 3] << 8)]
    const qh = highBits(src, s + 4)
    for (let j = 0; j < 16; j++) {
      const q = src[s + 8 + j]
      out[o + j] = d * ((q & 0x0f) | (((qh >>> j) & 1) << 4)) + m
      out[o + j + 16] = d * ((q >> 4) | (((qh >>> (j + 16)) & 1) << 4)) + m
    }
  }
}

export function dequantizeQ8_0(src: Uint8Array, out: Float32Array): void {
  const half = float16Table()
  for (let s = 0, o = 0; o < out.length; s += 34, o += QK) {
    const d = half[src[s] | (src[s + 1] << 8)]
    for (let j = 0; j < QK; j++) out[o + j] = d * ((src[s + 2 + j] << 24) >> 24)
  }
}
