/**
 * EigV (U_EigV, Lin, Trivedi & Sun 2024; lm-polygraph `EigValLaplacian`): Σ_k max(0, 1 − λ_k)
 * over the eigenvalues λ of the normalised Laplacian, a soft count of semantic clusters.
 */
import {normalizedLaplacian} from './normalized-laplacian.js'
import {symmetricEigen} from './symmetric-eigen.js'

export function eigenvalueUncertainty(w: Float64Array, m: number): number {
  const {values} = symmetricEigen(normalizedLaplacian(w, m), m)
  let u = 0
  for (const l of values) u += Math.max(0, 1 - l)
  return u
}
