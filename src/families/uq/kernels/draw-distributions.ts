/**
 * The probability model of one Inv-Entropy draw (paper eqs. 2–4, spec §2.2–2.3), with the
 * released code's consistent input marginal.
 *
 * Given Px (inputs) and Py (the responses chosen in this draw), both row-stochastic m×m:
 * - P(Y = y_j) = (π·Py)[j], π uniform: the column means of Py;
 * - P(X = x_i | Y = y_j) = (Py·Px)[j, i] (walk in response space, map to the paired input, walk in input space);
 * - P(X = x_i) = Σ_j P(y_j) P(x_i | y_j) = (π·Py·Py·Px)[i] (the paper's text writes π·Py·Px; the code, followed here, is consistent);
 * - P(Y = y_i | X = x_i) by Bayes: P(x_i|y_i)·P(y_i)/P(x_i).
 * Every P(x_i) is positive because both matrices have positive diagonals.
 *
 * Only the diagonal of Py·Px and the vector π·Py·Py·Px are needed, so neither product is formed:
 * the diagonal is m dot products, and P(X) is evaluated left to right as ((π·Py)·Py)·Px, two
 * vector-matrix products. O(m²) per draw instead of O(m³); the sums associate differently from
 * pY·(Py·Px), a difference of a few ulps (tested against that form and the NumPy reference).
 */
export interface DrawDistributions {
  /** P(Y = y_j), length m. */
  readonly pY: Float64Array
  /** P(X = x_i), length m. */
  readonly pX: Float64Array
  /** P(x_i | y_i), the diagonal of Py·Px, length m. */
  readonly pXGivenYDiag: Float64Array
  /** P(y_i | x_i) by Bayes, length m. */
  readonly pYGivenXDiag: Float64Array
}

/** Fresh buffers for one draw's distributions (reused across draws by the scorer). */
export function allocateDrawDistributions(m: number): DrawDistributions {
  return {
    pY: new Float64Array(m),
    pX: new Float64Array(m),
    pXGivenYDiag: new Float64Array(m),
    pYGivenXDiag: new Float64Array(m),
  }
}

/**
 * Computes the draw's distributions; `px`, `py` row-major m×m, row-stochastic. `out` and the
 * length-m scratch `row` may be reused across draws: every entry is overwritten.
 */
export function computeDrawDistributions(
  px: Float64Array,
  py: Float64Array,
  m: number,
  out: DrawDistributions = allocateDrawDistributions(m),
  row: Float64Array = new Float64Array(m),
): DrawDistributions {
  const {pY, pX, pXGivenYDiag, pYGivenXDiag} = out
  pY.fill(0)
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) pY[j] += py[i * m + j]
  for (let j = 0; j < m; j++) pY[j] /= m
  for (let j = 0; j < m; j++) {
    // P(x_j | y_j) = (Py·Px)[j, j]
    let d = 0
    for (let k = 0; k < m; k++) d += py[j * m + k] * px[k * m + j]
    pXGivenYDiag[j] = d
  }
  // row = π·Py·Py (the output distribution after a second step), then P(X) = row·Px
  row.fill(0)
  for (let j = 0; j < m; j++) {
    const w = pY[j]
    for (let k = 0; k < m; k++) row[k] += w * py[j * m + k]
  }
  pX.fill(0)
  for (let k = 0; k < m; k++) {
    const w = row[k]
    for (let i = 0; i < m; i++) pX[i] += w * px[k * m + i]
  }
  for (let i = 0; i < m; i++) pYGivenXDiag[i] = (pXGivenYDiag[i] * pY[i]) / pX[i]
  return out
}
