/**
 * Float64 linear algebra for every family: one API, two implementations (native LAPACK addon
 * or TypeScript) chosen once per thread by the registry. Inputs are row-major, never mutated,
 * and checked for NaN/Inf first (an InputError names the tensor given as `name`).
 * For many tensors at once use `createLinalgPool` (./pool.ts), which runs them on worker threads.
 */
import {assertFinite, assertShape} from './assert-finite.js'
import {chooseEigensolver} from './eigensolver-registry.js'

export {availableEigensolvers, chooseEigensolver, type SolverPreference} from './eigensolver-registry.js'
export type {LinalgSolver, LinalgSolverId, SymmetricEigensolver} from './linalg-solver.js'
export {createLinalgPool, type LinalgPool, type LinalgPoolOptions} from './pool.js'
export {linalgStatus, type LinalgStatus} from './linalg-status.js'

/** The smaller Gram matrix of row-major A (rows x cols): AᵀA if cols <= rows, else AAᵀ, float64, n = min(rows, cols). */
export function gram(
  a: Float64Array | Float32Array,
  rows: number,
  cols: number,
  name?: string,
): {g: Float64Array; n: number} {
  assertShape(rows, cols, name)
  assertFinite(a, rows, cols, name)
  return {g: chooseEigensolver('auto').gram(a, rows, cols), n: Math.min(rows, cols)}
}

/** All eigenvalues of a symmetric n x n matrix (upper triangle read), ascending. */
export function eigvalsh(a: Float64Array, n: number, name?: string): Float64Array {
  if (n === 0) return new Float64Array(0)
  assertShape(n, n, name)
  assertFinite(a, n, n, name)
  return chooseEigensolver('auto').eigvalsh(a, n)
}

/** All singular values of row-major A (rows x cols), descending; accurate for σmin down to ~ε·κ·σmin (never via the Gram). */
export function svdvals(a: Float64Array | Float32Array, rows: number, cols: number, name?: string): Float64Array {
  assertShape(rows, cols, name)
  assertFinite(a, rows, cols, name)
  return chooseEigensolver('auto').svdvals(a, rows, cols)
}
