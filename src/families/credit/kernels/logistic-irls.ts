/**
 * Unpenalised logistic regression by Newton–Raphson / IRLS in float64 (spec credit.md
 * §2.11): β ← β + (XᵀWX)⁻¹Xᵀ(y − μ), W = μ(1 − μ), from β = 0, until max|Δβ| < tol
 * (≤ maxIter). The intercept is column 0 (added here). Standard errors from the inverse
 * Fisher information at the solution, Wald z and two-sided normal p-values.
 * Ref: McCullagh & Nelder, Generalized Linear Models (2nd ed., 1989) §4.4.
 */
import {InputError} from '../../../core/errors.js'
import {normalSf} from '../../../core/special/normal.js'

export interface LogisticFit {
  /** Intercept first, then one coefficient per column of X. */
  readonly coefficients: Float64Array
  readonly standardErrors: Float64Array
  readonly z: Float64Array
  readonly p: Float64Array
  readonly iterations: number
  readonly converged: boolean
  readonly logLikelihood: number
  readonly aic: number
}

/** Cholesky factor L (lower, row-major) of a symmetric positive-definite matrix; null if not SPD. */
function cholesky(a: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(n * n)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j]
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k]
      if (i === j) {
        if (!(s > 1e-12 * Math.max(1, Math.abs(a[i * n + i])))) return null
        l[i * n + i] = Math.sqrt(s)
      } else l[i * n + j] = s / l[j * n + j]
    }
  }
  return l
}

function choleskySolve(l: Float64Array, n: number, b: Float64Array): Float64Array {
  const y = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let s = b[i]
    for (let k = 0; k < i; k++) s -= l[i * n + k] * y[k]
    y[i] = s / l[i * n + i]
  }
  const x = new Float64Array(n)
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * x[k]
    x[i] = s / l[i * n + i]
  }
  return x
}

/** X is row-major rows × cols without the intercept column. */
export function fitLogistic(
  x: Float64Array,
  rows: number,
  cols: number,
  y: ArrayLike<number>,
  options: {tol?: number; maxIter?: number} = {},
): LogisticFit {
  const p = cols + 1
  const tol = options.tol ?? 1e-10
  const maxIter = options.maxIter ?? 100
  const beta = new Float64Array(p)
  const row = new Float64Array(p)
  let iterations = 0
  let converged = false
  let l: Float64Array | null = null
  const load = (i: number) => {
    row[0] = 1
    for (let j = 0; j < cols; j++) row[j + 1] = x[i * cols + j]
  }
  for (; iterations < maxIter && !converged; iterations++) {
    const info = new Float64Array(p * p)
    const grad = new Float64Array(p)
    for (let i = 0; i < rows; i++) {
      load(i)
      let eta = 0
      for (let j = 0; j < p; j++) eta += row[j] * beta[j]
      const mu = 1 / (1 + Math.exp(-eta))
      const w = mu * (1 - mu)
      for (let j = 0; j < p; j++) {
        grad[j] += row[j] * (y[i] - mu)
        for (let k = 0; k <= j; k++) info[j * p + k] += w * row[j] * row[k]
      }
    }
    for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) info[k * p + j] = info[j * p + k]
    l = cholesky(info, p)
    if (!l)
      throw new InputError('the WoE design matrix is singular (collinear or constant features): drop features', {
        field: 'features',
      })
    const delta = choleskySolve(l, p, grad)
    let step = 0
    for (let j = 0; j < p; j++) {
      beta[j] += delta[j]
      step = Math.max(step, Math.abs(delta[j]))
    }
    converged = step < tol
  }
  return summarise(x, rows, cols, y, beta, l!, iterations, converged)
}

function summarise(
  x: Float64Array,
  rows: number,
  cols: number,
  y: ArrayLike<number>,
  beta: Float64Array,
  l: Float64Array,
  iterations: number,
  converged: boolean,
): LogisticFit {
  const p = cols + 1
  const se = new Float64Array(p)
  for (let j = 0; j < p; j++) {
    const e = new Float64Array(p)
    e[j] = 1
    se[j] = Math.sqrt(choleskySolve(l, p, e)[j])
  }
  let ll = 0
  for (let i = 0; i < rows; i++) {
    let eta = beta[0]
    for (let j = 0; j < cols; j++) eta += x[i * cols + j] * beta[j + 1]
    ll += y[i] * eta - Math.log1p(Math.exp(eta))
  }
  const z = beta.map((b, j) => b / se[j])
  return {
    coefficients: beta,
    standardErrors: se,
    z,
    p: z.map((v) => 2 * normalSf(Math.abs(v))),
    iterations,
    converged,
    logLikelihood: ll,
    aic: 2 * p - 2 * ll,
  }
}
