/**
 * The unit of work the linear-algebra pool runs, shared by the worker script and the
 * in-thread fallback so both compute exactly the same thing.
 */
import {InfolensError, InputError, InternalError} from '../errors.js'
import {assertFinite, assertShape} from './assert-finite.js'
import {chooseEigensolver, type SolverPreference} from './eigensolver-registry.js'
import {gramResolvesSpectrum} from './gram-resolution.js'
import {singularValuesGramFirst, type SpectrumRoute} from './gram-first.js'

/**
 * eigvalsGramResolved: the Gram's eigenvalues, replaced by squared singular values where the Gram cannot resolve
 * them; svdvalsGramFirst: σ at SVD accuracy by the cheapest route (gram-first.ts), which the reply names.
 */
export type PoolOperation = 'eigvalsGram' | 'eigvalsGramResolved' | 'svdvals' | 'svdvalsGramFirst'

/** A task's values and, for svdvalsGramFirst, the route that produced them. */
export interface PoolResult {
  readonly values: Float64Array
  readonly route?: SpectrumRoute
}

export interface PoolTask {
  readonly id: number
  readonly op: PoolOperation
  readonly w: Float32Array | Float64Array
  readonly rows: number
  readonly cols: number
  readonly name: string
}

/** What crosses back from a worker: values (transferred) or a serialisable error. */
export type PoolReply =
  | {readonly id: number; readonly ok: true; readonly values: Float64Array; readonly route?: SpectrumRoute}
  | {readonly id: number; readonly ok: false; readonly error: SerializedError}

export interface SerializedError {
  readonly kind: string
  readonly message: string
  readonly field?: string
  readonly file?: string
}

/** Runs one task on the chosen solver: eigenvalues of the smaller Gram (ascending) or singular values (descending). */
export function runPoolTask(task: PoolTask, preference: SolverPreference): PoolResult {
  const {w, rows, cols, name} = task
  assertShape(rows, cols, name)
  const solver = chooseEigensolver(preference)
  if (task.op === 'svdvals') {
    assertFinite(w, rows, cols, name)
    return {values: solver.svdvals(w, rows, cols)}
  }
  if (w.length < rows * cols) assertFinite(w, rows, cols, name) // throws its length error
  const n = Math.min(rows, cols)
  const g = solver.gram(w, rows, cols)
  // A NaN or ±Inf entry makes its row's (or column's) sum of squares, a diagonal entry of the Gram, NaN or +Inf,
  // so the O(n) diagonal test stands in for a pass over all rows·cols entries; only then is the input scanned,
  // for the error naming the first bad entry (finite values whose squares overflow pass on, as before).
  const overflowed = !diagonalFinite(g, n)
  if (overflowed) assertFinite(w, rows, cols, name)
  // finite entries whose squares overflow (|w| ≳ 1e154): the Gram is only a shortcut here, the SVD scales
  if (overflowed) {
    if (task.op === 'svdvalsGramFirst') return {values: solver.svdvals(w, rows, cols), route: 'svd'}
    throw new InputError(
      `entries too large for float64 eigenvalues of WᵀW (their squares overflow; largest |w| ${largestMagnitude(w).toExponential(3)}, at most about 1e154 works)`,
      {field: name},
    )
  }
  const evals = solver.eigvalsh(g, n)
  if (task.op === 'svdvalsGramFirst') return singularValuesGramFirst(solver, w, rows, cols, evals)
  if (task.op === 'eigvalsGram' || gramResolvesSpectrum(evals, n)) return {values: evals}
  return {values: squaredAscending(solver.svdvals(w, rows, cols))}
}

/** σ descending → λ = σ² ascending, the order eigvalsh returns. */
function squaredAscending(sv: Float64Array): Float64Array {
  const n = sv.length
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) out[i] = sv[n - 1 - i] * sv[n - 1 - i]
  return out
}

function largestMagnitude(w: Float32Array | Float64Array): number {
  let m = 0
  for (let i = 0; i < w.length; i++) m = Math.max(m, Math.abs(w[i]))
  return m
}

function diagonalFinite(g: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const v = g[i * n + i]
    if (v - v !== 0) return false
  }
  return true
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof InfolensError)
    return {kind: error.name, message: error.message, field: error.field, file: error.file}
  const e = error as Error
  return {kind: 'Error', message: e?.message ?? String(error)}
}

/** Rebuilds the typed error on the calling thread so commands map it to the right exit code. */
export function deserializeError(s: SerializedError): Error {
  const context = {field: s.field, file: s.file}
  if (s.kind === 'InputError') return new InputError(s.message, context)
  if (s.kind === 'InternalError') return new InternalError(s.message, context)
  return new InternalError(s.message, context)
}
