/**
 * Householder reduction of a symmetric matrix to tridiagonal form, eigenvalues only
 * (no Q is accumulated). Method: Golub & Van Loan, Matrix Computations 4th ed., Alg. 8.3.1,
 * with one change for speed: the rank-2 update of step k (A ← A − v wᵀ − w vᵀ) is fused into
 * the symmetric matrix-vector product of step k+1, so every step sweeps the trailing
 * triangle once instead of twice. Only the upper triangle (row-major, contiguous rows) is
 * read and written; the input is copied, never mutated.
 */
import {generateReflector} from './householder-vector.js'

export interface Tridiagonal {
  /** Diagonal, length n. */
  readonly d: Float64Array
  /** Off-diagonal, length n (e[i] couples i and i+1; e[n-1] = 0). */
  readonly e: Float64Array
}

/** Reduces the symmetric n x n matrix `a` (upper triangle used) to tridiagonal T = Qᵀ A Q. */
export function tridiagonalize(a: Float64Array, n: number): Tridiagonal {
  const w = Float64Array.from(a.subarray(0, n * n))
  const d = new Float64Array(n)
  const e = new Float64Array(n)
  if (n === 1) {
    d[0] = w[0]
    return {d, e}
  }
  let v = new Float64Array(n)
  let u = new Float64Array(n) // pending update: A ← A − v uᵀ − u vᵀ on rows/cols ≥ k
  let vNext = new Float64Array(n)
  let p = new Float64Array(n)
  let pending = false
  for (let k = 0; k < n - 1; k++) {
    const rk = k * n
    if (pending) updateRow(w, rk, k, n, v, u)
    d[k] = w[rk + k]
    if (k === n - 2) {
      e[k] = w[rk + k + 1]
      const last = (n - 1) * n + n - 1
      d[n - 1] = pending ? w[last] - 2 * v[n - 1] * u[n - 1] : w[last]
      break
    }
    const {tau, beta} = generateReflector(w, rk + k + 1, 1, n - k - 1, vNext, k + 1)
    e[k] = beta
    p.fill(0, k + 1)
    if (pending) sweepFused(w, n, k + 1, v, u, vNext, p)
    else sweepPlain(w, n, k + 1, vNext, p)
    formUpdate(p, vNext, tau, k + 1, n)
    // roles rotate: vNext becomes the pending v, p (now w) the pending u
    const oldV = v
    const oldU = u
    v = vNext
    u = p
    vNext = oldV
    p = oldU
    pending = true
  }
  return {d, e}
}

/** Row k of the pending rank-2 update: a[k, j] −= v_k u_j + u_k v_j for j ≥ k. */
function updateRow(w: Float64Array, rk: number, k: number, n: number, v: Float64Array, u: Float64Array): void {
  const vk = v[k]
  const uk = u[k]
  for (let j = k; j < n; j++) w[rk + j] -= vk * u[j] + uk * v[j]
}

/** p = A x over rows/cols ≥ s of the upper triangle (symmetric product, one sweep). */
function sweepPlain(w: Float64Array, n: number, s: number, x: Float64Array, p: Float64Array): void {
  for (let i = s; i < n; i++) {
    const ri = i * n
    const xi = x[i]
    let acc0 = w[ri + i] * xi
    let acc1 = 0
    let j = i + 1
    for (; j + 1 < n; j += 2) {
      const a0 = w[ri + j]
      const a1 = w[ri + j + 1]
      acc0 += a0 * x[j]
      acc1 += a1 * x[j + 1]
      p[j] += a0 * xi
      p[j + 1] += a1 * xi
    }
    if (j < n) {
      const a0 = w[ri + j]
      acc0 += a0 * x[j]
      p[j] += a0 * xi
    }
    p[i] += acc0 + acc1
  }
}

/** Applies the pending update (v, u) to rows ≥ s and accumulates p = A' x in the same sweep. */
function sweepFused(w: Float64Array, n: number, s: number, v: Float64Array, u: Float64Array, x: Float64Array, p: Float64Array): void {
  for (let i = s; i < n; i++) {
    const ri = i * n
    const vi = v[i]
    const ui = u[i]
    const xi = x[i]
    const aii = w[ri + i] - 2 * vi * ui
    w[ri + i] = aii
    let acc0 = aii * xi
    let acc1 = 0
    let j = i + 1
    for (; j + 1 < n; j += 2) {
      const a0 = w[ri + j] - vi * u[j] - ui * v[j]
      const a1 = w[ri + j + 1] - vi * u[j + 1] - ui * v[j + 1]
      w[ri + j] = a0
      w[ri + j + 1] = a1
      acc0 += a0 * x[j]
      acc1 += a1 * x[j + 1]
      p[j] += a0 * xi
      p[j + 1] += a1 * xi
    }
    if (j < n) {
      const a0 = w[ri + j] - vi * u[j] - ui * v[j]
      w[ri + j] = a0
      acc0 += a0 * x[j]
      p[j] += a0 * xi
    }
    p[i] += acc0 + acc1
  }
}

/** p ← τ p − (τ²/2)(pᵀx) x, i.e. w = τAx − (τ/2)(τ xᵀAx) x (GVL eq. 8.3.2), over indices ≥ s. */
function formUpdate(p: Float64Array, x: Float64Array, tau: number, s: number, n: number): void {
  let dot = 0
  for (let j = s; j < n; j++) {
    p[j] *= tau
    dot += p[j] * x[j]
  }
  const c = 0.5 * tau * dot
  for (let j = s; j < n; j++) p[j] -= c * x[j]
}
