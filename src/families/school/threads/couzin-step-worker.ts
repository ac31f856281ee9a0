/**
 * Worker thread of `threaded-couzin-step.ts`: owns the fish range [lo, hi) (its own Verlet
 * rows and zone sums) and runs, per step, `sumZones` on the shared positions and velocities,
 * waits for the main thread's normals, then `advance` into the shared output arrays. It stays
 * in this loop (blocked in Atomics.wait between steps) until the EXIT command.
 */
import {parentPort, workerData, type MessagePort} from 'node:worker_threads'
import {CouzinStepper, type NeighbourSearch} from '../kernels/couzin-step.js'
import type {SchoolParameters} from '../kernels/school-parameters.js'
import {
  COMMAND,
  DONE,
  EXIT,
  FAILED,
  GO,
  NOISE,
  openChannel,
  waitUntil,
  type StepChannelBuffers,
} from './step-channel.js'

export interface StepWorkerData {
  readonly params: SchoolParameters
  readonly search: NeighbourSearch
  readonly skin?: number
  readonly lo: number
  readonly hi: number
  readonly workers: number
  readonly buffers: StepChannelBuffers
  /** where a failed step's error message goes (read synchronously by the main thread) */
  readonly errors: MessagePort
}

function serve(d: StepWorkerData): void {
  const kernel = new CouzinStepper(d.params, d.search, d.skin, {lo: d.lo, hi: d.hi})
  const {control, posIn, velIn, posOut, velOut, noise} = openChannel(d.buffers)
  const noisy = d.params.noise > 0
  let generation = Atomics.load(control, GO)
  parentPort!.postMessage({ready: true, search: kernel.search})
  for (;;) {
    Atomics.wait(control, GO, generation)
    generation = Atomics.load(control, GO)
    if (Atomics.load(control, COMMAND) === EXIT) return
    try {
      kernel.sumZones(posIn, velIn)
      if (noisy) waitUntil(control, NOISE, generation)
      kernel.advance(noise, posIn, posOut, velOut)
    } catch (error) {
      Atomics.store(control, FAILED, 1)
      d.errors.postMessage((error as Error).message)
    }
    if (Atomics.add(control, DONE, 1) === d.workers - 1) Atomics.notify(control, DONE)
  }
}

serve(workerData as StepWorkerData)
