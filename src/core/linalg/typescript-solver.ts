/**
 * The pure TypeScript implementation of the linear-algebra contract: always available,
 * ≈2–5x the CPU time of LAPACK with its WebAssembly SIMD kernels (simd-kernels.ts; bench:
 * `npm run bench -- linalg`, figures in docs/engine.md),
 * same numbers to ~1e-14 relative.
 */
import {gramMatrix} from './gram.js'
import type {LinalgSolver} from './linalg-solver.js'
import {luFactor, luSolve} from './lu-factorization.js'
import {singularValues} from './singular-values.js'
import {symmetricEigenvalues} from './symmetric-eigenvalues.js'

export const typescriptSolver: LinalgSolver = {
  id: 'typescript',
  gram: gramMatrix,
  eigvalsh: symmetricEigenvalues,
  svdvals: singularValues,
  luFactor,
  luSolve,
  setThreads() {
    // single-threaded by construction; parallelism comes from the worker pool
  },
}
