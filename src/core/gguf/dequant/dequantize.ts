/**
 * One entry point from a ggml type name to its decoder: `dequantize('Q4_K', bytes, out)`
 * fills `out` with the float32 weights of whole blocks. The decoders are pure functions
 * over Uint8Array → Float32Array (no DataView in the inner loops; float16 through a
 * lookup table), so a tensor is dequantized in one pass as soon as its bytes are read.
 */
import {decodeBF16, decodeF16, decodeF32} from './plain-floats.js'
import {dequantizeQ4_0, dequantizeQ4_1, dequantizeQ5_0, dequantizeQ5_1, dequantizeQ8_0} from './legacy-blocks.js'
import {
  dequantizeQ2_K,
  dequantizeQ3_K,
  dequantizeQ4_K,
  dequantizeQ5_K,
  dequantizeQ6_K,
  dequantizeQ8_K,
} from './k-quants.js'

export type Dequantizer = (src: Uint8Array, out: Float32Array) => void

const DEQUANTIZERS: Readonly<Record<string, Dequantizer>> = {
  F32: decodeF32,
  F16: decodeF16,
  BF16: decodeBF16,
  Q4_0: dequantizeQ4_0,
  Q4_1: dequantizeQ4_1,
  Q5_0: dequantizeQ5_0,
  Q5_1: dequantizeQ5_1,
  Q8_0: dequantizeQ8_0,
  Q2_K: dequantizeQ2_K,
  Q3_K: dequantizeQ3_K,
  Q4_K: dequantizeQ4_K,
  Q5_K: dequantizeQ5_K,
  Q6_K: dequantizeQ6_K,
  Q8_K: dequantizeQ8_K,
}

/** The decoder of a ggml type, or undefined where infolens has none (IQ*, TQ*, MXFP4, …). */
export function dequantizerOf(type: string): Dequantizer | undefined {
  return Object.hasOwn(DEQUANTIZERS, type) ? DEQUANTIZERS[type] : undefined
}
