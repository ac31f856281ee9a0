/**
 * The velocity-correlation histogram of a frame on two threads: the main thread counts the pairs
 * of rows [0, r), a worker (`heading-pairs-worker.ts`, its own copy of the SIMD kernel) those of
 * rows [r, N), with r splitting the N(N−1)/2 pairs in halves (`balancedRowSplit`). Counts are
 * integers, so the sum of the two bands equals the one-thread histogram exactly (tested).
 *
 * Why: at N = 20,000 the 2·10⁸ pairs are most of a frame's metrics (docs/school.md "Speed"), and a
 * run of that size already steps on worker threads; the step's workers are idle while the main
 * thread computes the metrics, so a second core is free then. `count` stays synchronous
 * (Atomics.wait), as SchoolMetrics.compute is. Undefined from `startThreadedHeadingPairs` when the
 * worker cannot start (no worker script, no WebAssembly SIMD, time-out): the caller then counts on
 * one thread, with identical results.
 */
import {Worker} from 'node:worker_threads'
import {InternalError} from '../../../core/errors.js'
import {workerEntry} from '../../../core/worker-entry.js'
import {
  balancedRowSplit,
  createHeadingPairHistogram,
  type HeadingPairHistogram,
  type HeadingPairKernel,
} from '../kernels/heading-pair-histogram.js'
import {waitUntil} from './step-channel.js'
import {
  COMMAND,
  COUNT,
  COUNT_ROWS,
  createPairChannelBuffers,
  DONE,
  EXIT,
  FAILED,
  GO,
  openPairChannel,
  ROW0,
  type PairChannel,
} from './pair-channel.js'

export interface ThreadedHeadingPairs extends HeadingPairHistogram {
  close(): Promise<void>
}

/** For up to `capacity` fish with the 21 bin edges of `np.histogram(…, 20, (0, 1))`; undefined if the worker does not start. */
export async function startThreadedHeadingPairs(
  capacity: number,
  edges: Float64Array,
  startTimeoutMs = 60_000,
): Promise<ThreadedHeadingPairs | undefined> {
  const local = createHeadingPairHistogram(capacity, edges)
  const entry = workerEntry(import.meta.url, 'heading-pairs-worker')
  if (!local || !entry) return undefined
  const buffers = createPairChannelBuffers(capacity)
  let worker: Worker
  try {
    worker = new Worker(entry.source, {eval: entry.eval, workerData: {buffers, edges}})
  } catch {
    return undefined
  }
  const started = new Promise<boolean>((resolve) => {
    worker.once('message', (m: {ready?: boolean}) => resolve(m.ready === true))
    worker.once('error', () => resolve(false))
    worker.once('exit', () => resolve(false))
  })
  const timeout = new Promise<boolean>((resolve) => setTimeout(resolve, startTimeoutMs, false).unref())
  if (!(await Promise.race([started, timeout]))) {
    await worker.terminate()
    return undefined
  }
  worker.unref()
  return new TwoThreadHistogram(local, worker, openPairChannel(buffers))
}

class TwoThreadHistogram implements ThreadedHeadingPairs {
  private readonly own = new Float64Array(20)

  constructor(
    private readonly local: HeadingPairKernel,
    private readonly worker: Worker,
    private readonly channel: PairChannel,
  ) {}

  count(unit: Float64Array, n: number, counts: Float64Array): void {
    const {control, unit: shared, counts: theirs} = this.channel
    const split = balancedRowSplit(n)
    shared.set(unit.subarray(0, 3 * n))
    Atomics.store(control, COUNT, n)
    Atomics.store(control, ROW0, split)
    Atomics.store(control, COMMAND, COUNT_ROWS)
    const generation = Atomics.add(control, GO, 1) + 1
    Atomics.notify(control, GO)
    this.local.countRows(unit, n, 0, split, this.own)
    waitUntil(control, DONE, generation)
    if (Atomics.load(control, FAILED) !== 0) throw new InternalError('the velocity-correlation worker failed')
    for (let b = 0; b < counts.length; b++) counts[b] = this.own[b] + theirs[b]
  }

  async close(): Promise<void> {
    const control = this.channel.control
    Atomics.store(control, COMMAND, EXIT)
    Atomics.add(control, GO, 1)
    Atomics.notify(control, GO)
    await this.worker.terminate()
  }
}
