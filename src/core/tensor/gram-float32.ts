/**
 * The smaller Gram matrix in float32 on the active tfjs backend (GPU with tfjs-node-gpu, else
 * wasm SIMD or cpu): the fast path behind `spectral --gram float32`. Float32 accumulation
 * limits accuracy to ~1e-6 relative (formats-and-engine.md §2.4); use linalg `gram` for float64.
 */
import {tensorflow} from '../engine/tensor-engine.js'

/** AᵀA (cols <= rows) or AAᵀ of row-major `w` (rows x cols), full symmetric, float32, n = min(rows, cols). */
export async function gramFloat32(w: Float32Array, rows: number, cols: number): Promise<{g: Float32Array; n: number}> {
  const tf = await tensorflow()
  const product = tf.tidy(() => {
    const a = tf.tensor2d(w.subarray(0, rows * cols), [rows, cols], 'float32')
    return cols <= rows ? tf.matMul(a, a, true, false) : tf.matMul(a, a, false, true)
  })
  try {
    return {g: (await product.data()) as Float32Array, n: Math.min(rows, cols)}
  } finally {
    product.dispose()
  }
}
