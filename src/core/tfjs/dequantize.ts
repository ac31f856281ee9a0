/**
 * TF.js affine dequantization, exactly as tfjs-core's `decodeWeight` does it
 * (src/io/io_utils.ts, v4.22): `values[i] = v * quantization.scale + quantization.min`
 * with `scale` and `min` the manifest's JSON numbers, computed in float64 (JavaScript
 * numbers: one rounding after the product, one after the sum) and then stored into a
 * Float32Array (one rounding to float32). int32 weights take `Math.round` of the same
 * value, stored into an Int32Array. Float32 arithmetic (`fround` after each step)
 * would differ in the last bit for some codes; the tests show it does.
 * Both float32 and float64 outputs get TF.js's float32 values.
 */

/** value = fround(q·scale + min), q read from `codes` (uint8 or uint16). */
export function dequantizeAffine(
  codes: Uint8Array | Uint16Array,
  scale: number,
  min: number,
  out: Float32Array | Float64Array,
): void {
  if (out instanceof Float32Array) for (let i = 0; i < codes.length; i++) out[i] = codes[i] * scale + min
  else for (let i = 0; i < codes.length; i++) out[i] = Math.fround(codes[i] * scale + min)
}

/** value = int32(round(q·scale + min)), as an Int32Array assignment converts it. */
export function dequantizeAffineInt32(
  codes: Uint8Array | Uint16Array,
  scale: number,
  min: number,
  out: Float32Array | Float64Array,
): void {
  for (let i = 0; i < codes.length; i++) out[i] = Math.round(codes[i] * scale + min) | 0
}
