/**
 * LU factorization with partial pivoting and the two triangular-solve pairs, in TypeScript: the fallback for the
 * addon's DGETRF/DGETRS (native/linalg.c) with the same conventions, so small-singular-values.ts runs on either.
 *
 * Conventions (LAPACK's, so the addon needs no transposes): the factored matrix M is the column-major reading of
 * the n·n buffer, i.e. Mᵀ for a row-major W, which has the same singular values. P·M = L·U with L unit lower
 * triangular; `pivots[k]` is the row swapped with row k at step k (0-based). Right-hand sides are column-major
 * n × nrhs blocks, so every inner loop below runs over one contiguous column.
 */

/** The factors of M: L below the diagonal (unit diagonal implied) and U on and above it, column-major. */
export interface LuFactors {
  readonly lu: Float64Array
  readonly pivots: Int32Array
  /** 0, or k + 1 when U[k][k] is exactly zero (M is singular; solves would divide by zero). */
  readonly info: number
}

/** Right-looking unblocked LU (LAPACK DGETF2 order of operations) of the column-major n × n buffer `a`. */
export function luFactor(a: Float64Array | Float32Array, n: number): LuFactors {
  const lu = Float64Array.from(a.subarray(0, n * n))
  const pivots = new Int32Array(n)
  let info = 0
  for (let k = 0; k < n; k++) {
    const ck = k * n
    let p = k
    let best = Math.abs(lu[ck + k])
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(lu[ck + i])
      if (v > best) {
        best = v
        p = i
      }
    }
    pivots[k] = p
    if (lu[ck + p] === 0) {
      if (info === 0) info = k + 1
      continue
    }
    if (p !== k) swapRows(lu, n, k, p)
    const inverse = 1 / lu[ck + k]
    for (let i = k + 1; i < n; i++) lu[ck + i] *= inverse
    for (let j = k + 1; j < n; j++) {
      const cj = j * n
      const u = lu[cj + k]
      if (u !== 0) for (let i = k + 1; i < n; i++) lu[cj + i] -= lu[ck + i] * u
    }
  }
  return {lu, pivots, info}
}

function swapRows(a: Float64Array, n: number, r1: number, r2: number): void {
  for (let c = 0; c < n * n; c += n) {
    const t = a[c + r1]
    a[c + r1] = a[c + r2]
    a[c + r2] = t
  }
}

/** X with M·X = B (transpose false) or Mᵀ·X = B (transpose true); B is column-major n × nrhs and not modified. */
export function luSolve(f: LuFactors, n: number, b: Float64Array, nrhs: number, transpose: boolean): Float64Array {
  const x = Float64Array.from(b.subarray(0, n * nrhs))
  for (let c = 0; c < nrhs; c++) {
    const column = x.subarray(c * n, (c + 1) * n)
    if (transpose) solveTransposed(f, n, column)
    else solveDirect(f, n, column)
  }
  return x
}

/** P·M = L·U ⇒ M x = b ⇔ L y = P b, U x = y. */
function solveDirect({lu, pivots}: LuFactors, n: number, x: Float64Array): void {
  for (let k = 0; k < n; k++) {
    const p = pivots[k]
    if (p !== k) [x[k], x[p]] = [x[p], x[k]]
  }
  for (let k = 0; k < n; k++) {
    const v = x[k]
    if (v !== 0) for (let i = k + 1, c = k * n; i < n; i++) x[i] -= lu[c + i] * v
  }
  for (let k = n - 1; k >= 0; k--) {
    const c = k * n
    const v = (x[k] /= lu[c + k])
    if (v !== 0) for (let i = 0; i < k; i++) x[i] -= lu[c + i] * v
  }
}

/** Mᵀ x = b ⇔ Uᵀ z = b, Lᵀ y = z, x = Pᵀ y (the swaps undone in reverse order). */
function solveTransposed({lu, pivots}: LuFactors, n: number, x: Float64Array): void {
  for (let k = 0; k < n; k++) {
    const c = k * n
    let s = x[k]
    for (let i = 0; i < k; i++) s -= lu[c + i] * x[i]
    x[k] = s / lu[c + k]
  }
  for (let k = n - 1; k >= 0; k--) {
    const c = k * n
    let s = x[k]
    for (let i = k + 1; i < n; i++) s -= lu[c + i] * x[i]
    x[k] = s
  }
  for (let k = n - 1; k >= 0; k--) {
    const p = pivots[k]
    if (p !== k) [x[k], x[p]] = [x[p], x[k]]
  }
}
