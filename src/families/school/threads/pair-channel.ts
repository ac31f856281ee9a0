/**
 * The shared memory between `threaded-heading-pairs.ts` and its worker: a few Int32 control words
 * (Atomics.wait/notify, so that the metrics stay synchronous, as the step does in step-channel.ts),
 * the frame's N×3 unit headings (written by the main thread) and the worker's 20 bin counts.
 */

/** Control words. */
export const GO = 0 // frame counter: the main thread bumps it to start a count
export const DONE = 1 // = GO once the worker's counts are in `counts`
export const COMMAND = 2 // COUNT_ROWS or EXIT
export const FAILED = 3 // 1 once the worker has thrown
export const COUNT = 4 // n, the fish of this frame
export const ROW0 = 5 // the worker's first row
const CONTROL_WORDS = 8

export const COUNT_ROWS = 0
export const EXIT = 1

/** velocity-correlation bins (school-metrics.ts) */
const BINS = 20

export interface PairChannelBuffers {
  readonly control: SharedArrayBuffer
  readonly data: SharedArrayBuffer
  readonly capacity: number
}

export interface PairChannel {
  readonly control: Int32Array
  readonly unit: Float64Array
  readonly counts: Float64Array
}

export function createPairChannelBuffers(capacity: number): PairChannelBuffers {
  return {
    control: new SharedArrayBuffer(4 * CONTROL_WORDS),
    data: new SharedArrayBuffer(8 * (3 * capacity + BINS)),
    capacity,
  }
}

export function openPairChannel(b: PairChannelBuffers): PairChannel {
  return {
    control: new Int32Array(b.control),
    unit: new Float64Array(b.data, 0, 3 * b.capacity),
    counts: new Float64Array(b.data, 8 * 3 * b.capacity, BINS),
  }
}
