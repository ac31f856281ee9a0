/**
 * DegMat (U_Deg, Lin, Trivedi & Sun 2024, arXiv 2305.19187; lm-polygraph `DegMat`):
 * trace(m·I − D)/m² with D = diag(row sums of W), which equals 1 − mean_ij W_ij.
 * W: m×m symmetric similarity, diagonal 1. Higher = more uncertain.
 */
export function degreeMatrixUncertainty(w: Float64Array, m: number): number {
  let s = 0
  for (let k = 0; k < m * m; k++) s += w[k]
  return 1 - s / (m * m)
}
