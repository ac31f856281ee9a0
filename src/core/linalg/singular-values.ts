/**
 * All singular values of a dense float64/float32 matrix in TypeScript, computed from the
 * matrix itself (never from AᵀA, which would square the condition number and lose every
 * singular value below √ε·σmax): Golub–Kahan bidiagonalisation, then bisection on the
 * bidiagonal, which is relatively accurate. Wide matrices are transposed first (σ(A) = σ(Aᵀ)).
 */
import {bidiagonalize} from './bidiagonalize.js'
import {bidiagonalSingularValues} from './bidiagonal-singular-values.js'
import {powerOfTwoScale} from './symmetric-eigenvalues.js'

/** Singular values of row-major A (rows x cols), descending, length min(rows, cols). Never mutates `a`. */
export function singularValues(a: Float64Array | Float32Array, rows: number, cols: number): Float64Array {
  const tall = rows >= cols
  const m = tall ? rows : cols
  const n = tall ? cols : rows
  const factor = powerOfTwoScale(a, rows * cols)
  const {d, e} = bidiagonalize(m, n, (w) => {
    if (tall) for (let i = 0; i < m * n; i++) w[i] = a[i] * factor
    else for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) w[j * n + i] = a[i * cols + j] * factor
  })
  const s = bidiagonalSingularValues(d, e)
  if (factor !== 1) for (let i = 0; i < n; i++) s[i] /= factor
  return s
}
