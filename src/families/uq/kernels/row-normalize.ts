/**
 * Row-stochastic transition matrix from a non-negative similarity matrix (Inv-Entropy eq. 2):
 * P[i][j] = S[i][j] / Σ_k S[i][k], self-loops included, no kernel or temperature.
 * Rows of an infolens similarity matrix always sum to ≥ 1 (diagonal 1), so no row is empty.
 * `p` may be a buffer reused across draws (every entry is overwritten).
 */
export function rowNormalize(s: Float64Array, n: number, p: Float64Array = new Float64Array(n * n)): Float64Array {
  for (let i = 0; i < n; i++) {
    const off = i * n
    let z = 0
    for (let j = 0; j < n; j++) z += s[off + j]
    const inv = 1 / z
    for (let j = 0; j < n; j++) p[off + j] = s[off + j] * inv
  }
  return p
}
