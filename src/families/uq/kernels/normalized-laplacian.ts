/**
 * Symmetric normalised graph Laplacian L = I − D^{-1/2} W D^{-1/2}, D = diag(row sums of W),
 * as lm-polygraph builds it for EigV and Eccentricity (Lin, Trivedi & Sun, "Generating with
 * Confidence", TMLR 2024, arXiv 2305.19187). W is a symmetric non-negative similarity with
 * diagonal 1, so every degree is ≥ 1.
 */
export function normalizedLaplacian(w: Float64Array, m: number): Float64Array {
  const dInvSqrt = new Float64Array(m)
  for (let i = 0; i < m; i++) {
    let d = 0
    for (let j = 0; j < m; j++) d += w[i * m + j]
    dInvSqrt[i] = 1 / Math.sqrt(d)
  }
  const l = new Float64Array(m * m)
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) l[i * m + j] = (i === j ? 1 : 0) - w[i * m + j] * dInvSqrt[i] * dInvSqrt[j]
  }
  return l
}
