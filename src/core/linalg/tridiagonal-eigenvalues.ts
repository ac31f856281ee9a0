/**
 * Eigenvalues of a symmetric tridiagonal matrix by the implicit QL method with Wilkinson
 * shifts, values only (EISPACK TQL1; Bowdler, Martin, Reinsch & Wilkinson, Numer. Math. 11
 * (1968) 293, doi:10.1007/BF02166681). O(n²) work, absolute accuracy ~ε‖T‖.
 */
import {InternalError} from '../errors.js'
import {safeHypot} from './householder-vector.js'

const MAX_ITERATIONS_PER_VALUE = 60

/** Returns the eigenvalues of tridiag(e, d, e) ascending. d: length n; e: length n (e[n-1] ignored). Inputs untouched. */
export function tridiagonalEigenvalues(dIn: Float64Array, eIn: Float64Array): Float64Array {
  const n = dIn.length
  const d = Float64Array.from(dIn)
  const e = Float64Array.from(eIn)
  if (n > 0) e[n - 1] = 0
  for (let l = 0; l < n; l++) {
    let iterations = 0
    for (;;) {
      const m = findSplit(d, e, l, n)
      if (m === l) break
      if (++iterations > MAX_ITERATIONS_PER_VALUE)
        throw new InternalError(`tridiagonal QL did not converge for eigenvalue ${l}`)
      qlSweep(d, e, l, m)
    }
  }
  return d.sort()
}

/** First m ≥ l with negligible e[m] (or n-1). */
function findSplit(d: Float64Array, e: Float64Array, l: number, n: number): number {
  let m = l
  for (; m < n - 1; m++) {
    const dd = Math.abs(d[m]) + Math.abs(d[m + 1])
    if (Math.abs(e[m]) + dd === dd) break
  }
  return m
}

/** One implicit QL step with Wilkinson shift on the unreduced block l..m. */
function qlSweep(d: Float64Array, e: Float64Array, l: number, m: number): void {
  let g = (d[l + 1] - d[l]) / (2 * e[l])
  let r = safeHypot(g, 1)
  g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r))
  let s = 1
  let c = 1
  let p = 0
  for (let i = m - 1; i >= l; i--) {
    const f = s * e[i]
    const b = c * e[i]
    r = safeHypot(f, g)
    e[i + 1] = r
    if (r === 0) {
      // underflow: the block splits here; deflate and let the caller rescan
      d[i + 1] -= p
      e[m] = 0
      return
    }
    s = f / r
    c = g / r
    g = d[i + 1] - p
    r = (d[i] - g) * s + 2 * c * b
    p = s * r
    d[i + 1] = g + p
    g = c * r - b
  }
  d[l] -= p
  e[l] = g
  e[m] = 0
}
