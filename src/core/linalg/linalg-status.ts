/**
 * Which float64 linear algebra `auto` uses in this process (the LAPACK addon or TypeScript), as every report's
 * engine.lapack records it. Its own file, importing only the addon loader: the report envelope of every command
 * asks for it, and the solvers, pools and WebAssembly kernels of ./index.ts are needed only by those that compute.
 */
import {loadLapackSolver} from './lapack-solver.js'
import type {LinalgSolverId} from './linalg-solver.js'

export interface LinalgStatus {
  /** The implementation `auto` uses here (recorded in every report's engine.lapack). */
  readonly active: LinalgSolverId
  readonly native: {readonly loaded: boolean; readonly detail: string}
}

export function linalgStatus(): LinalgStatus {
  const native = loadLapackSolver()
  return {
    active: native.solver ? 'lapack' : 'typescript',
    native: {loaded: native.solver !== undefined, detail: native.detail},
  }
}
