/**
 * Eigenvalues and eigenvectors of a small symmetric matrix by the cyclic Jacobi method
 * (Golub & Van Loan, Matrix Computations, 4th ed., §8.5). The UQ graph baselines need
 * eigenvectors of m×m Laplacians with m ≤ a few hundred, and small-singular-values.ts those of
 * its Rayleigh–Ritz matrices; Jacobi is accurate to a few ulps of the norm and simple. (The
 * solvers' eigvalsh returns eigenvalues only.)
 */
export interface SymmetricEigen {
  /** Eigenvalues, ascending. */
  readonly values: Float64Array
  /** Eigenvectors as columns of a row-major n×n matrix: vectors[i*n + k] is component i of vector k. */
  readonly vectors: Float64Array
}

/** Jacobi rotations until the off-diagonal mass is below 1e-30 of the total (or 100 sweeps). */
export function symmetricEigen(a: Float64Array, n: number): SymmetricEigen {
  const m = Float64Array.from(a)
  const v = new Float64Array(n * n)
  for (let i = 0; i < n; i++) v[i * n + i] = 1
  let norm = 0
  for (const x of m) norm += x * x
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p * n + q] ** 2
    if (off <= 1e-30 * norm || off === 0) break
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q]
        if (apq === 0) continue
        const theta = (m[q * n + q] - m[p * n + p]) / (2 * apq)
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1))
        const c = 1 / Math.sqrt(t * t + 1)
        const s = t * c
        for (let k = 0; k < n; k++) {
          const mkp = m[k * n + p]
          const mkq = m[k * n + q]
          m[k * n + p] = c * mkp - s * mkq
          m[k * n + q] = s * mkp + c * mkq
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p * n + k]
          const mqk = m[q * n + k]
          m[p * n + k] = c * mpk - s * mqk
          m[q * n + k] = s * mpk + c * mqk
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]
          const vkq = v[k * n + q]
          v[k * n + p] = c * vkp - s * vkq
          v[k * n + q] = s * vkp + c * vkq
        }
      }
    }
  }
  const order = Array.from({length: n}, (_, i) => i).sort((i, j) => m[i * n + i] - m[j * n + j])
  const values = new Float64Array(n)
  const vectors = new Float64Array(n * n)
  order.forEach((src, k) => {
    values[k] = m[src * n + src]
    for (let i = 0; i < n; i++) vectors[i * n + k] = v[i * n + src]
  })
  return {values, vectors}
}
