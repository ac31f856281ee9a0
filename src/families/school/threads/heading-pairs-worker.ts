/**
 * Worker thread of `threaded-heading-pairs.ts`: counts the velocity-correlation pairs of the rows
 * [row0, n) with its own copy of the SIMD kernel, whenever the main thread bumps GO, and stays in
 * this loop (blocked in Atomics.wait between frames) until the EXIT command.
 */
import {parentPort, workerData} from 'node:worker_threads'
import {createHeadingPairHistogram} from '../kernels/heading-pair-histogram.js'
import {waitUntil} from './step-channel.js'
import {DONE, EXIT, FAILED, GO, openPairChannel, ROW0, COMMAND, COUNT, type PairChannelBuffers} from './pair-channel.js'

function serve(buffers: PairChannelBuffers, edges: Float64Array): void {
  const kernel = createHeadingPairHistogram(buffers.capacity, edges)
  parentPort!.postMessage({ready: kernel !== undefined})
  if (!kernel) return
  const {control, unit, counts} = openPairChannel(buffers)
  let generation = Atomics.load(control, GO)
  for (;;) {
    waitUntil(control, GO, generation + 1)
    generation++
    if (Atomics.load(control, COMMAND) === EXIT) return
    try {
      const n = Atomics.load(control, COUNT)
      kernel.countRows(unit, n, Atomics.load(control, ROW0), n, counts)
    } catch {
      Atomics.store(control, FAILED, 1)
    }
    Atomics.store(control, DONE, generation)
    Atomics.notify(control, DONE)
  }
}

const data = workerData as {buffers: PairChannelBuffers; edges: Float64Array}
serve(data.buffers, data.edges)
