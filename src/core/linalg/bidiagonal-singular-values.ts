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
    const row =
      Math.abs(dIn[i] / max) + (i < n - 1 ? Math.abs(eIn[i] / max) : 0) + (i > 0 ? Math.abs(eIn[i - 1] / max) : 0)
    upper = Math.max(upper, row)
  }
  upper *= 1 + 4 * EPS
  // k-th largest σ (k = 0..n-1): the smallest x with countBelow(x) ≥ n + (n - k) among the 2n eigenvalues ±σ.
  // Four values are bisected together: their Sturm recurrences are independent, so the
  // divisions (the latency-bound step) of the four chains overlap.
  const lo = new Float64Array(LANES)
  const hi = new Float64Array(LANES)
  const target = new Int32Array(LANES)
  const counts = new Int32Array(LANES)
  for (let k0 = 0; k0 < n; k0 += LANES) {
    const bound = k0 > 0 ? Math.min(upper, out[k0 - 1] * (1 + 4 * EPS) + Number.MIN_VALUE) : upper
    for (let l = 0; l < LANES; l++) {
      lo[l] = 0
      hi[l] = bound
      target[l] = 2 * n - Math.min(k0 + l, n - 1) // eigenvalues < x must reach this count for x just above σ_k
    }
    for (let it = 0; it < 2200; it++) {
      let open = 0
      for (let l = 0; l < LANES; l++) if (isOpen(lo[l], hi[l])) open++
      if (open === 0) break
      const m0 = 0.5 * (lo[0] + hi[0])
      const m1 = 0.5 * (lo[1] + hi[1])
      const m2 = 0.5 * (lo[2] + hi[2])
      const m3 = 0.5 * (lo[3] + hi[3])
      countBelow4(b2, m0, m1, m2, m3, pivmin, counts)
      update(lo, hi, 0, m0, counts[0] >= target[0])
      update(lo, hi, 1, m1, counts[1] >= target[1])
      update(lo, hi, 2, m2, counts[2] >= target[2])
      update(lo, hi, 3, m3, counts[3] >= target[3])
    }
    for (let l = 0; l < LANES && k0 + l < n; l++) out[k0 + l] = hi[l]
  }
  for (let k = 0; k < n; k++) out[k] *= max
  return out
}

const LANES = 4

/** Bisection continues while (lo, hi) holds a double strictly inside it and hi is not below the underflow floor. */
function isOpen(lo: number, hi: number): boolean {
  const mid = 0.5 * (lo + hi)
  return mid > lo && mid < hi && hi >= 1e-300
}

/** Halves lane l's interval at mid (σ ∈ (lo, hi]; a zero pivot counts as negative). Closed lanes stay put. */
function update(lo: Float64Array, hi: Float64Array, l: number, mid: number, below: boolean): void {
  if (!isOpen(lo[l], hi[l])) return
  if (below) hi[l] = mid
  else lo[l] = mid
}

/** countBelow at four shifts in one pass (four independent Sturm recurrences). */
function countBelow4(
  b2: Float64Array,
  x0: number,
  x1: number,
  x2: number,
  x3: number,
  pivmin: number,
  counts: Int32Array,
): void {
  let q0 = -x0
  let q1 = -x1
  let q2 = -x2
  let q3 = -x3
  if (Math.abs(q0) < pivmin) q0 = -pivmin
  if (Math.abs(q1) < pivmin) q1 = -pivmin
  if (Math.abs(q2) < pivmin) q2 = -pivmin
  if (Math.abs(q3) < pivmin) q3 = -pivmin
  let c0 = q0 < 0 ? 1 : 0
  let c1 = q1 < 0 ? 1 : 0
  let c2 = q2 < 0 ? 1 : 0
  let c3 = q3 < 0 ? 1 : 0
  const m = b2.length
  for (let i = 0; i < m; i++) {
    const b = b2[i]
    q0 = -x0 - b / q0
    q1 = -x1 - b / q1
    q2 = -x2 - b / q2
    q3 = -x3 - b / q3
    if (Math.abs(q0) < pivmin) q0 = -pivmin
    if (Math.abs(q1) < pivmin) q1 = -pivmin
    if (Math.abs(q2) < pivmin) q2 = -pivmin
    if (Math.abs(q3) < pivmin) q3 = -pivmin
    if (q0 < 0) c0++
    if (q1 < 0) c1++
    if (q2 < 0) c2++
    if (q3 < 0) c3++
  }
  counts[0] = c0
  counts[1] = c1
  counts[2] = c2
  counts[3] = c3
}
