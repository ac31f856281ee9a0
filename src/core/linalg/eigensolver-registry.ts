/**
 * One contract, several implementations (style.md §2.4): the registry lists the loadable
 * solvers, LAPACK first, and picks one by preference. `auto` takes LAPACK when its addon
 * loaded (INFOLENS_LAPACK=off prevents that), else TypeScript.
 */
import {InputError} from '../errors.js'
import {loadLapackSolver} from './lapack-solver.js'
import type {LinalgSolver, LinalgSolverId} from './linalg-solver.js'
import {typescriptSolver} from './typescript-solver.js'

export type SolverPreference = 'auto' | LinalgSolverId

/** The solvers that load here, fastest first (tests loop over this). */
export function availableEigensolvers(): LinalgSolver[] {
  const native = loadLapackSolver().solver
  return native ? [native, typescriptSolver] : [typescriptSolver]
}

/** The solver for a preference; a forced `lapack` that cannot load is an InputError saying how to get it. */
export function chooseEigensolver(preference: SolverPreference = 'auto'): LinalgSolver {
  if (preference === 'typescript') return typescriptSolver
  const native = loadLapackSolver()
  if (native.solver) return native.solver
  if (preference === 'lapack')
    throw new InputError(`the LAPACK addon is not available: ${native.detail}`, {field: 'lapack'})
  return typescriptSolver
}
