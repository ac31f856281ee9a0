/**
 * All eigenvalues of a dense symmetric float64 matrix in TypeScript: Householder
 * tridiagonalisation (blocked, DSYTRD-style) followed by implicit QL. The matrix is first scaled by a
 * power of two when its largest entry is near the overflow or underflow range (as LAPACK
 * DSYEV does with its safe-minimum/ε thresholds), so squares in the reflector norms stay finite.
 */
import {tridiagonalize} from './tridiagonalize.js'
import {tridiagonalEigenvalues} from './tridiagonal-eigenvalues.js'

const SCALE_LOW = 2 ** -500
const SCALE_HIGH = 2 ** 500

/** Eigenvalues of the symmetric n x n matrix `a` (upper triangle read), ascending. Never mutates `a`. */
export function symmetricEigenvalues(a: Float64Array, n: number): Float64Array {
  if (n === 0) return new Float64Array(0)
  const factor = powerOfTwoScale(a, n * n)
  const m = factor === 1 ? a : scaled(a, n, factor)
  const {d, e} = tridiagonalize(m, n)
  const values = tridiagonalEigenvalues(d, e)
  if (factor !== 1) for (let i = 0; i < n; i++) values[i] /= factor
  return values
}

/** A power of two bringing max|a[0..count)| into [2^-500, 2^500], or 1 if it already is (or a is zero). */
export function powerOfTwoScale(a: Float64Array | Float32Array, count: number): number {
  let max = 0
  for (let i = 0; i < count; i++) {
    const x = Math.abs(a[i])
    if (x > max) max = x
  }
  if (max === 0 || (max >= SCALE_LOW && max <= SCALE_HIGH)) return 1
  return 2 ** -Math.round(Math.log2(max))
}

function scaled(a: Float64Array, n: number, factor: number): Float64Array {
  const out = new Float64Array(n * n)
  for (let i = 0; i < n * n; i++) out[i] = a[i] * factor
  return out
}
