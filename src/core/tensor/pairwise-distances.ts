/**
 * Batched pairwise Euclidean distances in float32 on the active tfjs backend, for neighbour
 * searches such as the fish school's zones (Couzin et al. 2002, doi:10.1006/jtbi.2002.3065).
 * Distances come from explicit coordinate differences (not ‖x‖² + ‖y‖² − 2x·y), so close pairs
 * keep full float32 relative accuracy.
 */
import {tensorflow} from '../engine/tensor-engine.js'

/**
 * points: row-major batch x n x dim. Returns batch x n x n distances (row-major, float32).
 * Memory is batch·n²·dim floats for the differences; split large batches.
 */
export async function pairwiseDistances(
  points: Float32Array,
  batch: number,
  n: number,
  dim: number,
): Promise<Float32Array> {
  const tf = await tensorflow()
  const d = tf.tidy(() => {
    const x = tf.tensor3d(points.subarray(0, batch * n * dim), [batch, n, dim], 'float32')
    const diff = tf.sub(tf.expandDims(x, 2), tf.expandDims(x, 1)) // batch x n x n x dim
    return tf.sqrt(tf.sum(tf.square(diff), 3))
  })
  try {
    return (await d.data()) as Float32Array
  } finally {
    d.dispose()
  }
}
