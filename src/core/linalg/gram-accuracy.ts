/**
 * When singular values taken from a float64 Gram matrix (σ = √λ, λ from eig(WᵀW), what `spectral` caches) are
 * accurate enough for kappa, so that `kappa` can reuse `spectral`'s solves instead of running an SVD; and, when
 * they are not, how many of the smallest need another route and whether an LU factorization is accurate enough
 * to be that route (small-singular-values.ts).
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

/**
 * How many of the smallest σ (descending `sigma` of one rows × cols matrix, from the Gram) the model above does
 * not vouch for: those below twice the σ at which the predicted error reaches `tolerance`. The factor 2 leaves
 * every σ above the line accurate to a quarter of the tolerance, so the (count + 1)-th smallest Gram σ is a
 * trustworthy fence for small-singular-values.ts. 0 when every σ is accurate.
 */
export function gramInaccurateCount(
  sigma: Float64Array,
  rows: number,
  cols: number,
  tolerance = GRAM_TOLERANCE,
): number {
  const cut = (2 * sigma[0]) / gramKappaLimit(rows, cols, tolerance)
  let count = 0
  for (let i = sigma.length - 1; i >= 0 && !(sigma[i] >= cut); i--) count++
  return count
}

/**
 * Whether σ from an LU factorization of the n × n matrix are within `tolerance` relative. The LU is backward
 * stable in practice (partial pivoting, no growth on such matrices), and a perturbation δW moves every σ by at
 * most ‖δW‖, so σᵢ moves by a multiple of u·(σmax/σᵢ) relative. Measured with bench/engine/lu-route-accuracy.ts
 * (planted spectra 256² and 1024², κ = 10³…10⁷, and the Gaussian-like matrices of the kappa bench, refined σ
 * against DGESDD on the same stored W): where the u·κ term shows at all (κ ≥ 10⁵) the largest difference was
 * 0.07–0.42·u·κ, and 1.3e-11 = 0.33·u·κ on a 4096² bench matrix with κ = 3.6·10⁵. The model with constant 1
 * must predict at most a quarter of the tolerance (the Gram rule's margin), i.e. κ ≤ 2.25·10⁶ for 1e-9 at any
 * size. κ is read from the Gram values, which can only overstate σmin (see above), so the test errs towards
 * refusing only for κ far beyond the limit, where the Gram κ is itself ≥ ~10⁷.
 */
export function luRouteAccepted(sigma: Float64Array, n: number, tolerance = GRAM_TOLERANCE): boolean {
  const k = sigma.length
  if (k === 0 || k !== n) return false
  const kappa = sigma[0] / sigma[k - 1]
  return kappa * UNIT_ROUNDOFF <= tolerance / 4
}
