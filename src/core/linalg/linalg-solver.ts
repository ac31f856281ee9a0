/**
 * The contract every float64 linear-algebra implementation fulfils (style.md §2.4): the
 * native LAPACK addon and the TypeScript fallback return the same numbers, so callers pick
 * one through the registry (`eigensolver-registry.ts`) and record its id in reports.
 * All matrices are row-major; inputs are never mutated.
 */

/** Which implementation computed a result: the native addon (`lapack`) or `typescript`. */
export type LinalgSolverId = 'lapack' | 'typescript'

export interface LinalgSolver {
  readonly id: LinalgSolverId
  /** The smaller Gram matrix of A (rows x cols): AᵀA (cols x cols) if cols <= rows, else AAᵀ; full symmetric, float64. */
  gram(a: Float64Array | Float32Array, rows: number, cols: number): Float64Array
  /** All eigenvalues of the symmetric n x n matrix `a` (upper triangle read), ascending. */
  eigvalsh(a: Float64Array, n: number): Float64Array
  /** All min(rows, cols) singular values of A, descending; computed from A itself, never from its Gram. */
  svdvals(a: Float64Array | Float32Array, rows: number, cols: number): Float64Array
  /** Threads the implementation may use inside one call (OpenBLAS threads; the TypeScript solver ignores it). */
  setThreads(threads: number): void
}

/** style.md §2.4 name for the same contract. */
export type SymmetricEigensolver = LinalgSolver
