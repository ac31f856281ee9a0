/**
 * Kernel Entropy baseline (predictive kernel entropy, Gruber & Buettner 2023, arXiv 2310.03653,
 * as used in the Inv-Entropy paper): the negative mean off-diagonal kernel value,
 * −(1/(m(m−1))) Σ_{i≠j} k(y_i, y_j), with k the response similarity. Null for m < 2.
 */
export function kernelEntropy(w: Float64Array, m: number): number | null {
  if (m < 2) return null
  let s = 0
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (i !== j) s += w[i * m + j]
  return -s / (m * (m - 1))
}
