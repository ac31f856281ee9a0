/**
 * The native implementation: a small N-API addon (native/linalg.c) over CBLAS/LAPACKE
 * (DSYRK, DSYEVD jobz='N', DGESDD jobz='N', DGETRF/DGETRS) linked against the system OpenBLAS. Built by
 * `npm install` (scripts/build-native.mjs) when the headers exist; loading it is optional and
 * `INFOLENS_LAPACK=off` disables it. This file is the one place in the kernels that looks at
 * the environment and the file system, because deciding which implementation exists is its job.
 */
import {createRequire} from 'node:module'
import type {LinalgSolver, LuFactors} from './linalg-solver.js'

/** The functions exported by build/Release/infolens_linalg.node. */
interface LinalgAddon {
  gram(a: Float64Array | Float32Array, rows: number, cols: number, out?: Float64Array): Float64Array
  eigvalsh(a: Float64Array, n: number): Float64Array
  svdvals(a: Float64Array | Float32Array, rows: number, cols: number): Float64Array
  luFactor(a: Float64Array | Float32Array, n: number): LuFactors
  luSolve(
    lu: Float64Array,
    pivots: Int32Array,
    n: number,
    b: Float64Array,
    nrhs: number,
    transpose: boolean,
  ): Float64Array
  setThreads(threads: number): void
  getThreads(): number
  configInfo(): string
}

export interface NativeLoad {
  readonly solver?: LinalgSolver
  /** Why it loaded or not, for `infolens doctor`. */
  readonly detail: string
}

export const ENABLE_NATIVE_HINT =
  'to enable it: apt-get install libopenblas-dev liblapacke-dev && npm rebuild infolens (or `node scripts/build-native.mjs` in a checkout)'

let cached: NativeLoad | undefined

/** Loads the addon once per thread; never throws. */
export function loadLapackSolver(): NativeLoad {
  cached ??= tryLoad()
  return cached
}

function tryLoad(): NativeLoad {
  const setting = (process.env.INFOLENS_LAPACK ?? '').toLowerCase()
  if (setting === 'off' || setting === '0' || setting === 'false') {
    return {detail: 'disabled by INFOLENS_LAPACK=off'}
  }
  const require = createRequire(import.meta.url)
  // src/core/linalg or dist/kernels/linalg → <package root>/build/Release
  const candidates = ['../../../build/Release/infolens_linalg.node', '../../../../build/Release/infolens_linalg.node']
  let lastError = ''
  for (const rel of candidates) {
    try {
      const addon = require(new URL(rel, import.meta.url).pathname) as LinalgAddon
      return {solver: wrap(addon), detail: `loaded build/Release/infolens_linalg.node (${addon.configInfo()})`}
    } catch (error) {
      const message = (error as Error).message.split('\n')[0]
      if (!message.includes('Cannot find module')) lastError = message
    }
  }
  return {
    detail:
      lastError === ''
        ? `addon not built; ${ENABLE_NATIVE_HINT}`
        : `addon failed to load: ${lastError}; ${ENABLE_NATIVE_HINT}`,
  }
}

function wrap(addon: LinalgAddon): LinalgSolver {
  return {
    id: 'lapack',
    gram: (a, rows, cols, out) => {
      if (out === undefined) return addon.gram(a, rows, cols)
      const g = addon.gram(a, rows, cols, out)
      // an addon built before the `out` argument ignores it and returns a new array
      if (g !== out) out.set(g)
      return out
    },
    eigvalsh: (a, n) => (n === 0 ? new Float64Array(0) : addon.eigvalsh(a, n)),
    svdvals: (a, rows, cols) => addon.svdvals(a, rows, cols),
    luFactor: (a, n) => addon.luFactor(a, n),
    luSolve: (f, n, b, nrhs, transpose) => addon.luSolve(f.lu, f.pivots, n, b, nrhs, transpose),
    setThreads: (threads) => addon.setThreads(Math.max(1, Math.floor(threads))),
  }
}
