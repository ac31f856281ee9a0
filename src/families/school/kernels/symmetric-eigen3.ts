/**
 * Eigenvalues of a symmetric 3×3 matrix by cyclic Jacobi rotations (Golub & Van Loan §8.5):
 * accurate to a few ulps of the largest eigenvalue even for (near-)degenerate spectra, where the
 * closed-form trigonometric solution loses digits. Used for the school-shape entropy (PCA).
 */

/** Eigenvalues of [[a00,a01,a02],[a01,a11,a12],[a02,a12,a22]], written to `out` in ascending order. */
export function symmetricEigenvalues3(
  a00: number,
  a01: number,
  a02: number,
  a11: number,
  a12: number,
  a22: number,
  out: Float64Array,
): Float64Array {
  const m = [a00, a01, a02, a01, a11, a12, a02, a12, a22]
  for (let sweep = 0; sweep < 50; sweep++) {
    const off = m[1] * m[1] + m[2] * m[2] + m[5] * m[5]
    const diag = m[0] * m[0] + m[4] * m[4] + m[8] * m[8]
    if (off === 0 || off <= 1e-36 * diag) break
    rotate(m, 0, 1)
    rotate(m, 0, 2)
    rotate(m, 1, 2)
  }
  out[0] = m[0]
  out[1] = m[4]
  out[2] = m[8]
  sort3(out)
  return out
}

/** Annihilates m[p][q] with one Jacobi rotation (row-major 3×3, symmetric). */
function rotate(m: number[], p: number, q: number): void {
  const apq = m[3 * p + q]
  if (apq === 0) return
  const app = m[3 * p + p]
  const aqq = m[3 * q + q]
  const theta = (aqq - app) / (2 * apq)
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1))
  const c = 1 / Math.sqrt(t * t + 1)
  const s = t * c
  for (let k = 0; k < 3; k++) {
    const mkp = m[3 * k + p]
    const mkq = m[3 * k + q]
    m[3 * k + p] = c * mkp - s * mkq
    m[3 * k + q] = s * mkp + c * mkq
  }
  for (let k = 0; k < 3; k++) {
    const mpk = m[3 * p + k]
    const mqk = m[3 * q + k]
    m[3 * p + k] = c * mpk - s * mqk
    m[3 * q + k] = s * mpk + c * mqk
  }
  m[3 * p + q] = 0
  m[3 * q + p] = 0
}

function sort3(v: Float64Array): void {
  if (v[0] > v[1]) [v[0], v[1]] = [v[1], v[0]]
  if (v[1] > v[2]) [v[1], v[2]] = [v[2], v[1]]
  if (v[0] > v[1]) [v[0], v[1]] = [v[1], v[0]]
}
