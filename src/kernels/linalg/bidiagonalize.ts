/**
 * Golub–Kahan Householder bidiagonalisation, singular values only (no U, V accumulated):
 * B = Uᵀ A V upper bidiagonal for a tall matrix (rows ≥ cols). Backward stable: B is the
 * exact bidiagonal of A + E with ‖E‖ ~ ε‖A‖ (Golub & Kahan 1965, doi:10.1137/0702016;
 * Golub & Van Loan 4th ed., Alg. 5.4.2). Works in place on a row-major float64 copy; both
 * reflector applications walk rows contiguously.
 */
import {generateReflector} from './householder-vector.js'

export interface Bidiagonal {
  /** Diagonal, length n = cols. */
  readonly d: Float64Array
  /** Superdiagonal, length n (e[i] couples i and i+1; e[n-1] = 0). */
  readonly e: Float64Array
}

/** Bidiagonalises the tall rows x cols matrix `w` (rows ≥ cols), overwriting it. */
export function bidiagonalizeInPlace(w: Float64Array, rows: number, cols: number): Bidiagonal {
  const n = cols
  const d = new Float64Array(n)
  const e = new Float64Array(n)
  const v = new Float64Array(Math.max(rows, cols))
  const t = new Float64Array(Math.max(rows, cols))
  for (let k = 0; k < n; k++) {
    // left reflector: zero column k below the diagonal
    const left = generateReflector(w, k * cols + k, cols, rows - k, v, 0)
    d[k] = left.beta
    if (left.tau !== 0) applyLeft(w, rows, cols, k, v, left.tau, t)
    if (k < n - 1) {
      // right reflector: zero row k right of the superdiagonal
      const right = generateReflector(w, k * cols + k + 1, 1, cols - k - 1, v, 0)
      e[k] = right.beta
      if (right.tau !== 0) applyRight(w, rows, cols, k, v, right.tau, t)
    }
  }
  return {d, e}
}

/** A[k:, k+1:] ← (I − τ v vᵀ) A[k:, k+1:]: t = vᵀA (row axpys), then A −= τ v t. */
function applyLeft(w: Float64Array, rows: number, cols: number, k: number, v: Float64Array, tau: number, t: Float64Array): void {
  const j0 = k + 1
  t.fill(0, j0, cols)
  for (let i = k; i < rows; i++) {
    const vi = v[i - k]
    if (vi === 0) continue
    const ri = i * cols
    for (let j = j0; j < cols; j++) t[j] += vi * w[ri + j]
  }
  for (let i = k; i < rows; i++) {
    const s = tau * v[i - k]
    if (s === 0) continue
    const ri = i * cols
    for (let j = j0; j < cols; j++) w[ri + j] -= s * t[j]
  }
}

/** A[k+1:, k+1:] ← A[k+1:, k+1:] (I − τ v vᵀ): per row, a −= τ (a·v) v. */
function applyRight(w: Float64Array, rows: number, cols: number, k: number, v: Float64Array, tau: number, _t: Float64Array): void {
  const j0 = k + 1
  const m = cols - j0
  for (let i = k + 1; i < rows; i++) {
    const ri = i * cols + j0
    let s0 = 0
    let s1 = 0
    let j = 0
    for (; j + 1 < m; j += 2) {
      s0 += w[ri + j] * v[j]
      s1 += w[ri + j + 1] * v[j + 1]
    }
    if (j < m) s0 += w[ri + j] * v[j]
    const s = tau * (s0 + s1)
    if (s === 0) continue
    for (let q = 0; q < m; q++) w[ri + q] -= s * v[q]
  }
}
