/**
 * The unit of work the linear-algebra pool runs, shared by the worker script and the
 * in-thread fallback so both compute exactly the same thing.
 */
import {InfolensError, InputError, InternalError} from '../../errors.js'
import {assertFinite, assertShape} from './assert-finite.js'
import {chooseEigensolver, type SolverPreference} from './eigensolver-registry.js'

export type PoolOperation = 'eigvalsGram' | 'svdvals'

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
  | {readonly id: number; readonly ok: true; readonly values: Float64Array}
  | {readonly id: number; readonly ok: false; readonly error: SerializedError}

export interface SerializedError {
  readonly kind: string
  readonly message: string
  readonly field?: string
  readonly file?: string
}

/** Runs one task on the chosen solver: eigenvalues of the smaller Gram (ascending) or singular values (descending). */
export function runPoolTask(task: PoolTask, preference: SolverPreference): Float64Array {
  assertShape(task.rows, task.cols, task.name)
  assertFinite(task.w, task.rows, task.cols, task.name)
  const solver = chooseEigensolver(preference)
  if (task.op === 'svdvals') return solver.svdvals(task.w, task.rows, task.cols)
  const g = solver.gram(task.w, task.rows, task.cols)
  return solver.eigvalsh(g, Math.min(task.rows, task.cols))
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof InfolensError) return {kind: error.name, message: error.message, field: error.field, file: error.file}
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
