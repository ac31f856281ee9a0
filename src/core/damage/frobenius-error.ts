/**
 * Element-wise damage of a copy B of a tensor A: the relative Frobenius error ‖B − A‖_F / ‖A‖_F, and the
 * difference B − A itself (its spectral norm is the worst-case error of B·x). Sums of squares are
 * compensated (Neumaier), so a tiny quantization error on a large tensor keeps its digits.
 */

/** Neumaier-compensated sum of squares of `f(i)` for i < n. */
function sumOfSquares(n: number, f: (i: number) => number): number {
  let sum = 0
  let c = 0
  for (let i = 0; i < n; i++) {
    const v = f(i)
    const x = v * v
    const t = sum + x
    c += Math.abs(sum) >= x ? sum - t + x : x - t + sum
    sum = t
  }
  return sum + c
}

/** ‖B − A‖_F / ‖A‖_F; NaN when A is all zeros (no scale to be relative to). Throws on unequal lengths. */
export function relativeFrobeniusError(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) throw new RangeError(`relativeFrobeniusError: ${a.length} vs ${b.length} values`)
  const diff = sumOfSquares(a.length, (i) => b[i] - a[i])
  const base = sumOfSquares(a.length, (i) => a[i])
  return base === 0 ? Number.NaN : Math.sqrt(diff / base)
}

/** B − A, element-wise (a new array; the inputs are not changed). */
export function difference(a: Float64Array, b: Float64Array): Float64Array {
  if (a.length !== b.length) throw new RangeError(`difference: ${a.length} vs ${b.length} values`)
  const d = new Float64Array(a.length)
  for (let i = 0; i < a.length; i++) d[i] = b[i] - a[i]
  return d
}
