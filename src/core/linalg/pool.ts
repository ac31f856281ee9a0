/**
 * Runs many eigenvalue / singular-value problems concurrently on worker threads (one task per
 * worker at a time, FIFO queue). Each worker gets floor(cores / workers) OpenBLAS threads, at
 * least 1, so workers × BLAS threads never exceeds the cores. When the compiled worker script
 * cannot be found or a worker fails to start, the pool runs tasks in the calling thread
 * instead: same results, no parallelism.
 *
 * Inputs are copied to the worker by default; pass `transfer: true` to move a whole-buffer
 * input instead (the caller's array is then detached). Results are transferred back.
 */
import {InternalError} from '../errors.js'
import {workerEntry} from '../worker-entry.js'
import {availableParallelism} from 'node:os'
import {Worker} from 'node:worker_threads'
import type {SolverPreference} from './eigensolver-registry.js'
import {
  deserializeError,
  runPoolTask,
  type PoolOperation,
  type PoolReply,
  type PoolResult,
  type PoolTask,
} from './pool-task.js'
import type {RoutedSpectrum} from './gram-first.js'

export interface LinalgPoolOptions {
  /** Worker threads (default: available cores). */
  readonly threads?: number
  /** Implementation to use in every worker (default `auto`). */
  readonly solver?: SolverPreference
  /** Run in the calling thread (no workers). */
  readonly inThread?: boolean
  /** Cores to share among workers for OpenBLAS threads (default: available cores). */
  readonly cores?: number
}

export interface PoolCallOptions {
  /** Tensor name used in errors (NaN/Inf input). */
  readonly name?: string
  /** Move `w`'s buffer to the worker instead of copying it (detaches the caller's array). */
  readonly transfer?: boolean
}

export interface LinalgPool {
  /** Worker threads (0 when running in-thread). */
  readonly threads: number
  readonly mode: 'workers' | 'in-thread'
  /** Ascending eigenvalues of the smaller Gram matrix of w (rows x cols), i.e. σ², float64. */
  eigvalsGram(
    w: Float32Array | Float64Array,
    rows: number,
    cols: number,
    options?: string | PoolCallOptions,
  ): Promise<Float64Array>
  /**
   * As eigvalsGram, but where the Gram cannot resolve the small end of the spectrum (gram-resolution.ts) the
   * values are σ² from an SVD of w instead (ascending either way).
   */
  eigvalsGramResolved(
    w: Float32Array | Float64Array,
    rows: number,
    cols: number,
    options?: string | PoolCallOptions,
  ): Promise<Float64Array>
  /** Singular values of w, descending, float64. */
  svdvals(
    w: Float32Array | Float64Array,
    rows: number,
    cols: number,
    options?: string | PoolCallOptions,
  ): Promise<Float64Array>
  /**
   * Singular values of w, descending, at SVD accuracy (GRAM_TOLERANCE relative) by the cheapest route: the Gram,
   * the Gram with an LU-refined small end, or the SVD (gram-first.ts); the route comes back with the values.
   */
  svdvalsGramFirst(
    w: Float32Array | Float64Array,
    rows: number,
    cols: number,
    options?: string | PoolCallOptions,
  ): Promise<RoutedSpectrum>
  close(): Promise<void>
}

interface Pending {
  readonly task: PoolTask
  readonly transfer: boolean
  resolve(result: PoolResult): void
  reject(error: Error): void
}

interface Slot {
  readonly worker: Worker
  busy?: Pending
}

const values = async (result: Promise<PoolResult>) => (await result).values

/** Creates a pool; workers start lazily on the first tasks. */
export function createLinalgPool(options: LinalgPoolOptions = {}): LinalgPool {
  const cores = Math.max(1, options.cores ?? availableParallelism())
  const size = Math.max(1, Math.floor(options.threads ?? cores))
  const preference = options.solver ?? 'auto'
  const entry = options.inThread ? undefined : workerEntry(import.meta.url, 'pool-worker')
  const blasThreads = Math.max(1, Math.floor(cores / size))
  const slots: Slot[] = []
  const queue: Pending[] = []
  let nextId = 1
  let inThread = entry === undefined
  let closed = false

  const runLocally = (p: Pending) => {
    // defer so callers see asynchronous behaviour in both modes
    setImmediate(() => {
      try {
        p.resolve(runPoolTask(p.task, preference))
      } catch (error) {
        p.reject(error as Error)
      }
    })
  }

  const dispatch = () => {
    while (queue.length > 0) {
      if (inThread) {
        runLocally(queue.shift()!)
        continue
      }
      let slot = slots.find((s) => s.busy === undefined)
      if (!slot && slots.length < size) slot = startWorker()
      if (!slot) return
      const p = queue.shift()!
      slot.busy = p
      slot.worker.ref() // keep the process alive while a task is out
      const buffer = p.task.w.buffer
      const movable =
        p.transfer &&
        !(buffer instanceof SharedArrayBuffer) &&
        p.task.w.byteOffset === 0 &&
        p.task.w.byteLength === buffer.byteLength
      slot.worker.postMessage(p.task, movable ? [buffer as ArrayBuffer] : [])
    }
  }

  const startWorker = (): Slot | undefined => {
    let worker: Worker
    try {
      worker = new Worker(entry!.source, {eval: entry!.eval, workerData: {preference, blasThreads}})
    } catch {
      inThread = true
      return undefined
    }
    const slot: Slot = {worker}
    slots.push(slot)
    worker.on('message', (reply: PoolReply) => {
      const p = slot.busy
      slot.busy = undefined
      // an idle pool must not keep the process alive; a closing one must, until its workers have exited
      if (!closed) slot.worker.unref()
      if (p && reply.id === p.task.id) {
        if (reply.ok) p.resolve({values: reply.values, route: reply.route})
        else p.reject(deserializeError(reply.error))
      }
      dispatch()
    })
    worker.on('error', () => {
      // a worker that cannot start or crashes: run its task and all later ones in-thread
      // (never respawn: a broken worker script would fail the same way forever)
      const p = slot.busy
      slot.busy = undefined
      slots.splice(slots.indexOf(slot), 1)
      inThread = true
      if (p && p.task.w.byteLength === 0) {
        // its input was moved to the dead worker: nothing left to rerun
        p.reject(
          new InternalError(`a linear-algebra worker crashed while solving ${p.task.name}`, {field: p.task.name}),
        )
      } else if (p) {
        queue.unshift(p)
      }
      dispatch()
    })
    worker.unref()
    return slot
  }

  const submit = (
    op: PoolOperation,
    w: Float32Array | Float64Array,
    rows: number,
    cols: number,
    call?: string | PoolCallOptions,
  ) => {
    const o: PoolCallOptions = typeof call === 'string' ? {name: call} : (call ?? {})
    if (closed) return Promise.reject(new Error('linalg pool is closed'))
    return new Promise<PoolResult>((resolve, reject) => {
      queue.push({
        task: {id: nextId++, op, w, rows, cols, name: o.name ?? 'matrix'},
        transfer: o.transfer === true,
        resolve,
        reject,
      })
      dispatch()
    })
  }

  return {
    get threads() {
      return inThread ? 0 : size
    },
    get mode() {
      return inThread ? ('in-thread' as const) : ('workers' as const)
    },
    eigvalsGram: (w, rows, cols, call) => values(submit('eigvalsGram', w, rows, cols, call)),
    eigvalsGramResolved: (w, rows, cols, call) => values(submit('eigvalsGramResolved', w, rows, cols, call)),
    svdvals: (w, rows, cols, call) => values(submit('svdvals', w, rows, cols, call)),
    svdvalsGramFirst: async (w, rows, cols, call) => {
      const r = await submit('svdvalsGramFirst', w, rows, cols, call)
      return {values: r.values, route: r.route ?? 'svd'}
    },
    async close() {
      closed = true
      const closing = slots.splice(0)
      // tasks queued or out on a worker will never be answered now: settle them, never leave them pending
      const unanswered = [...queue.splice(0), ...closing.flatMap((s) => (s.busy ? [s.busy] : []))]
      for (const p of unanswered) p.reject(new InternalError('linalg pool closed before the task finished'))
      // An idle worker is unref'd; awaiting terminate() on it leaves no ref'd handle until the exit
      // notice arrives, so a process whose last work this is could end first: exit 13 (unsettled
      // top-level await) with the caller's error never printed. Ref it for the wait (and the message
      // handler no longer unrefs once `closed` is set: a late reply would undo this).
      await Promise.all(
        closing.map((s) => {
          s.busy = undefined
          s.worker.ref()
          return s.worker.terminate()
        }),
      )
    },
  }
}
