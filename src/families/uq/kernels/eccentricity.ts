/**
 * Eccentricity (U_Ecc, Lin, Trivedi & Sun 2024; lm-polygraph `Eccentricity`, threshold 0.9):
 * take the eigenvectors of the normalised Laplacian whose eigenvalue is below the threshold as
 * columns of V (m×k, one row per response); U = ‖V − 1·μᵀ‖_F with μ the column means (the
 * spread of the responses' spectral embeddings around their centre). Invariant to the signs and
 * rotations of the chosen eigenvectors.
 */
import {normalizedLaplacian} from './normalized-laplacian.js'
import {symmetricEigen, type SymmetricEigen} from './symmetric-eigen.js'

/** `eigen`: that of the normalised Laplacian of `w`, when the caller has it already (EigV needs it too). */
export function eccentricity(
  w: Float64Array,
  m: number,
  threshold = 0.9,
  eigen: SymmetricEigen = symmetricEigen(normalizedLaplacian(w, m), m),
): number {
  const {values, vectors} = eigen
  let ss = 0
  for (let k = 0; k < m; k++) {
    if (!(values[k] < threshold)) continue
    let mean = 0
    for (let i = 0; i < m; i++) mean += vectors[i * m + k]
    mean /= m
    for (let i = 0; i < m; i++) ss += (vectors[i * m + k] - mean) ** 2
  }
  return Math.sqrt(ss)
}
