/**
 * Kernel Language Entropy (KLE, Nikitin et al., NeurIPS 2024, arXiv 2405.20003; lm-polygraph
 * `KernelLanguageEntropy`): heat kernel K = expm(−t·L) of the graph Laplacian L = diag(colsum W) − W
 * (t = 0.3), normalised to unit diagonal and divided by m (a density matrix), von Neumann entropy
 * −Σ λ ln λ over eigenvalues with |λ| > 1e-8, divided by ln m so that it lies in [0, 1].
 * L is symmetric, so expm(−tL) = U e^{−tΛ} Uᵀ. Null for m < 2 (ln 1 = 0).
 */
import {symmetricEigen} from './symmetric-eigen.js'

export function kernelLanguageEntropy(w: Float64Array, m: number, t = 0.3): number | null {
  if (m < 2) return null
  const l = new Float64Array(m * m)
  for (let j = 0; j < m; j++) {
    let col = 0
    for (let i = 0; i < m; i++) col += w[i * m + j]
    l[j * m + j] += col
  }
  for (let k = 0; k < m * m; k++) l[k] -= w[k]
  const {values, vectors} = symmetricEigen(l, m)
  const heat = values.map((v) => Math.exp(-t * v))
  const kmat = new Float64Array(m * m)
  for (let i = 0; i < m; i++) {
    for (let j = i; j < m; j++) {
      let s = 0
      for (let k = 0; k < m; k++) s += vectors[i * m + k] * heat[k] * vectors[j * m + k]
      kmat[i * m + j] = s
      kmat[j * m + i] = s
    }
  }
  const diag = Float64Array.from({length: m}, (_, i) => Math.sqrt(kmat[i * m + i]))
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) kmat[i * m + j] /= diag[i] * diag[j] * m
  let h = 0
  for (const lam of symmetricEigen(kmat, m).values) if (Math.abs(lam) > 1e-8 && lam > 0) h -= lam * Math.log(lam)
  return h / Math.log(m)
}
