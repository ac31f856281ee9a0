/**
 * Singular values of an upper bidiagonal matrix by bisection on its Golub–Kahan form
 * T = [[0, B], [Bᵀ, 0]] permuted to a tridiagonal with zero diagonal and off-diagonal
 * (d₀, e₀, d₁, e₁, …). Sturm counts on this zero-diagonal tridiagonal determine every
 * singular value to high RELATIVE accuracy, small ones included (Demmel & Kahan 1990,
 * "Accurate singular values of bidiagonal matrices", doi:10.1137/0911052, §6; Fernando 1998
 * doi:10.1137/S0895479895290802). O(n²·log(1/ε)) work, negligible next to bidiagonalisation.
 */

const EPS = 2 ** -52

/** Singular values of bidiag(d, e) descending; d length n, e length n (e[n-1] ignored). Inputs untouched. */
export function bidiagonalSingularValues(dIn: Float64Array, eIn: Float64Array): Float64Array {
  const n = dIn.length
  const out = new Float64Array(n)
  if (n === 0) return out
  // scale so the largest entry is 1: squares can neither overflow nor underflow harmfully
  let max = 0
  for (let i = 0; i < n; i++) max = Math.max(max, Math.abs(dIn[i]), i < n - 1 ? Math.abs(eIn[i]) : 0)
  if (max === 0) return out
  const b2 = new Float64Array(2 * n - 1) // squared off-diagonals of the Golub–Kahan tridiagonal
  for (let i = 0; i < n; i++) {
    const di = dIn[i] / max
    b2[2 * i] = di * di
    if (i < n - 1) {
      const ei = eIn[i] / max
      b2[2 * i + 1] = ei * ei
    }
  }
  const pivmin = Number.MIN_VALUE * 2 ** 60
  let upper = 0
  for (let i = 0; i < n; i++) {
    const row = Math.abs(dIn[i] / max) + (i < n - 1 ? Math.abs(eIn[i] / max) : 0) + (i > 0 ? Math.abs(eIn[i - 1] / max) : 0)
    upper = Math.max(upper, row)
  }
  upper *= 1 + 4 * EPS
  // k-th largest σ (k = 0..n-1): the smallest x with countBelow(x) ≥ n + (n - k) among the 2n eigenvalues ±σ.
  for (let k = 0; k < n; k++) {
    const target = 2 * n - k // eigenvalues < x must reach this count for x just above σ_k
    let lo = 0
    let hi = upper
    if (k > 0) hi = Math.min(hi, out[k - 1] * (1 + 4 * EPS) + Number.MIN_VALUE)
    for (let it = 0; it < 2200; it++) {
      const mid = 0.5 * (lo + hi)
      if (mid <= lo || mid >= hi || hi < 1e-300) break // adjacent doubles: σ ∈ (lo, hi] (a zero pivot counts as negative)
      if (countBelow(b2, mid, pivmin) >= target) hi = mid
      else lo = mid
    }
    out[k] = hi
  }
  for (let k = 0; k < n; k++) out[k] *= max
  return out
}

/** Number of eigenvalues < x of the zero-diagonal tridiagonal with squared off-diagonals b2 (Sturm count, LDLᵀ pivots). */
function countBelow(b2: Float64Array, x: number, pivmin: number): number {
  let count = 0
  let q = -x
  if (q < 0) count++
  if (Math.abs(q) < pivmin) q = -pivmin
  const m = b2.length
  for (let i = 0; i < m; i++) {
    q = -x - b2[i] / q
    if (Math.abs(q) < pivmin) q = -pivmin
    if (q < 0) count++
  }
  return count
}
