/**
 * When singular values taken from a float64 Gram matrix (σ = √λ, λ from eig(WᵀW), what `spectral` caches) are
 * accurate enough for kappa, so that `kappa` can reuse `spectral`'s solves instead of running an SVD.
 *
 * Forming G = WᵀW and solving its eigenproblem are backward stable in G, so every eigenvalue carries an
 * absolute error of order u·λmax (u = 2⁻⁵³), i.e. σᵢ a relative error of order u·(σmax/σᵢ)² ≤ u·κ². The
 * growth with the dimension is that of rounding in dot products of length max(m, n); measured with NumPy
 * (OpenBLAS dsyrk/dgemm + dsyevd vs dgesdd) on planted geometric and one-small-σ spectra, 16…1024 columns,
 * κ = 10…1e6, the relative error of every σᵢ stayed below 0.22·u·κ²·√max(m, n). The test below accepts a
 * matrix when that model with constant 1 predicts at most GRAM_TOLERANCE (1e-9, a tenth of kappa's 1e-8
 * contract), i.e. a safety factor of ≥ 45 over the largest measured error. Because the bound holds for the
 * smallest σ it holds for every σ, so every derived metric (log-volume, entropy, …) is within it too.
 *
 * The test uses κ as seen in the Gram values themselves. That is safe: the Gram route can only raise σmin by
 * about √(u·λmax) = √u·σmax, so a Gram κ below the acceptance limit (at most 3002 for any shape) means the true κ is
 * below it too; a true κ of 1e8 shows as a Gram κ of at least ~1e7 and is rejected.
 * Examples: 4096 × 4096 accepts κ ≤ 375, 11008 × 4096 κ ≤ 293, 16 × 24 κ ≤ 1355.
 */

/** Relative accuracy required of every σ (one tenth of kappa's 1e-8 contract on κ). */
export const GRAM_TOLERANCE = 1e-9

const UNIT_ROUNDOFF = 2 ** -53

/** The largest Gram κ accepted for a rows × cols matrix. */
export function gramKappaLimit(rows: number, cols: number, tolerance = GRAM_TOLERANCE): number {
  return Math.sqrt(tolerance / (UNIT_ROUNDOFF * Math.sqrt(Math.max(rows, cols))))
}

/**
 * True when the descending σ of each `rows × cols` matrix in `values` (matrices concatenated, k = min(rows, cols)
 * values each) came out of a float64 Gram eigen-solve accurate to `tolerance` relative, by the model above.
 */
export function gramSpectraAccurate(
  values: Float64Array,
  rows: number,
  cols: number,
  tolerance = GRAM_TOLERANCE,
): boolean {
  const k = Math.min(rows, cols)
  if (k === 0 || values.length % k !== 0) return false
  const limit = gramKappaLimit(rows, cols, tolerance)
  for (let start = 0; start < values.length; start += k) {
    const max = values[start]
    const min = values[start + k - 1]
    if (!(min > 0) || max / min > limit) return false
  }
  return true
}
