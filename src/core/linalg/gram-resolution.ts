/**
 * When the eigenvalues of the Gram matrix G = WᵀW can stand in for the squared singular values of W.
 *
 * Forming G and solving it are backward stable, so every computed eigenvalue carries an absolute error of
 * order n·ε·λmax (Weyl's inequality; Golub & Van Loan 4th ed., §8.1.2 and §5.3.2). Squaring halves the
 * resolvable range: σ below ~√(n·ε)·σmax is noise in the Gram, while an SVD of W resolves σ down to ~n·ε·σmax
 * (Demmel & Kahan 1990, doi:10.1137/0911052). So a spectrum whose smallest eigenvalue is not much larger than
 * n·ε·λmax has lost its small end: the rank, the rank loss, the entropy's normaliser ln(rank) and σmin are then
 * wrong, while the tail metrics (α, xmin, D) are not affected. Such a spectrum is solved again by SVD.
 */

/** The relative accuracy every eigenvalue must have for the Gram spectrum to be kept (WeightWatcher fields to 1e-6). */
export const GRAM_RELATIVE_ACCURACY = 1e-6

/**
 * Whether the Gram eigenvalues `evals` (any order) of an n×n Gram resolve every eigenvalue to
 * GRAM_RELATIVE_ACCURACY: λmin · accuracy ≥ n · ε · λmax. An all-zero spectrum is resolved (exactly zero).
 */
export function gramResolvesSpectrum(evals: ArrayLike<number>, n: number): boolean {
  let min = Number.POSITIVE_INFINITY
  let max = 0
  for (let i = 0; i < evals.length; i++) {
    const v = evals[i]
    if (v < min) min = v
    if (v > max) max = v
  }
  if (max === 0) return true
  return min * GRAM_RELATIVE_ACCURACY >= n * Number.EPSILON * max
}
