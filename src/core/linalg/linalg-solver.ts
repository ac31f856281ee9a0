/**
 * The contract every float64 linear-algebra implementation fulfils (style.md §2.4): the
 * native LAPACK addon and the TypeScript fallback return the same numbers, so callers pick
 * one through the registry (`eigensolver-registry.ts`) and record its id in reports.
 * All matrices are row-major; inputs are never mutated.
 */

import type {LuFactors} from './lu-factorization.js'

export type {LuFactors} from './lu-factorization.js'

/** Which implementation computed a result: the native addon (`lapack`) or `typescript`. */
export type LinalgSolverId = 'lapack' | 'typescript'

export interface LinalgSolver {
  readonly id: LinalgSolverId
  /**
   * The smaller Gram matrix of A (rows x cols): AᵀA (cols x cols) if cols <= rows, else AAᵀ; full symmetric,
   * float64. With `out` (at least n·n elements, not overlapping `a`) it is written there and `out` is
   * returned: a caller computing many small Grams keeps one buffer instead of allocating one per call.
   */
  gram(a: Float64Array | Float32Array, rows: number, cols: number, out?: Float64Array): Float64Array
  /** All eigenvalues of the symmetric n x n matrix `a` (upper triangle read), ascending. */
  eigvalsh(a: Float64Array, n: number): Float64Array
  /** All min(rows, cols) singular values of A, descending; computed from A itself, never from its Gram. */
  svdvals(a: Float64Array | Float32Array, rows: number, cols: number): Float64Array
  /**
   * LU with partial pivoting of the column-major reading M of the n·n buffer (Wᵀ for a row-major W: the same
   * singular values); `info` > 0 flags an exactly zero pivot (lu-factorization.ts has the conventions).
   */
  luFactor(a: Float64Array | Float32Array, n: number): LuFactors
  /** X with M·X = B, or Mᵀ·X = B when `transpose`; B and X column-major n × nrhs. */
  luSolve(factors: LuFactors, n: number, b: Float64Array, nrhs: number, transpose: boolean): Float64Array
  /** Threads the implementation may use inside one call (OpenBLAS threads; the TypeScript solver ignores it). */
  setThreads(threads: number): void
}

/** style.md §2.4 name for the same contract. */
export type SymmetricEigensolver = LinalgSolver
