/**
 * Singular values at SVD accuracy for less than an SVD costs: σ = √λ from the smaller Gram (DSYRK + DSYEVD, a
 * fraction of DGESDD) where gram-accuracy.ts vouches for every σ; for a square matrix whose small end the Gram
 * cannot resolve, that end re-solved from an LU factorization and proven by a residual bound
 * (small-singular-values.ts); an SVD otherwise. Every σ returned is within GRAM_TOLERANCE relative, and the
 * route taken is reported, because `kappa` records it and `spectral` reads it back from the cache.
 */
import {gramInaccurateCount, gramSpectraAccurate, luRouteAccepted, GRAM_TOLERANCE} from './gram-accuracy.js'
import type {LinalgSolver} from './linalg-solver.js'
import {refineSmallSingularValues} from './small-singular-values.js'

/** How a spectrum was obtained: the Gram alone, the Gram with an LU-refined small end, or an SVD. */
export type SpectrumRoute = 'eigvalsh-gram' | 'gram-lu' | 'svd'

export interface RoutedSpectrum {
  /** σ, descending. */
  readonly values: Float64Array
  readonly route: SpectrumRoute
}

/** σ (descending) of the row-major rows × cols W, by the cheapest route that meets GRAM_TOLERANCE. */
export function singularValuesGramFirst(
  solver: LinalgSolver,
  w: Float64Array | Float32Array,
  rows: number,
  cols: number,
  gramEigenvalues: Float64Array,
): RoutedSpectrum {
  const n = gramEigenvalues.length
  const sigma = Float64Array.from({length: n}, (_, i) => Math.sqrt(Math.max(0, gramEigenvalues[n - 1 - i])))
  if (gramSpectraAccurate(sigma, rows, cols)) return {values: sigma, route: 'eigvalsh-gram'}
  if (rows === cols && luRouteAccepted(sigma, n)) {
    const count = gramInaccurateCount(sigma, rows, cols)
    const refined = refineSmallSingularValues(solver, w, n, sigma, count, {tolerance: GRAM_TOLERANCE})
    if (refined) return {values: refined, route: 'gram-lu'}
  }
  return {values: solver.svdvals(w, rows, cols), route: 'svd'}
}
