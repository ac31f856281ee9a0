/**
 * EigV (U_EigV, Lin, Trivedi & Sun 2024; lm-polygraph `EigValLaplacian`): Σ_k max(0, 1 − λ_k)
 * over the eigenvalues λ of the normalised Laplacian, a soft count of semantic clusters.
 */
import {normalizedLaplacian} from './normalized-laplacian.js'
import {symmetricEigen, type SymmetricEigen} from './symmetric-eigen.js'

/** `eigen`: that of the normalised Laplacian of `w`, when the caller has it already (Eccentricity needs it too). */
export function eigenvalueUncertainty(
  w: Float64Array,
  m: number,
  eigen: SymmetricEigen = symmetricEigen(normalizedLaplacian(w, m), m),
): number {
  const {values} = eigen
  let u = 0
  for (const l of values) u += Math.max(0, 1 - l)
  return u
}
