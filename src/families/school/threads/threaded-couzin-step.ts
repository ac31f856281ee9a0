/**
 * The Couzin step split across worker threads by fish index range, bit-identical to the
 * one-thread `CouzinStepper`: worker w owns fish [w·N/T, (w+1)·N/T) and sums each of its
 * fish's neighbour terms in ascending neighbour index exactly as one thread does (see
 * `CouzinStepper.sumZones`); each worker also keeps the Verlet rows of its own fish, so list
 * rebuilds are split the same way. The main thread draws the step's normals from the one
 * seeded stream, in the same order as before, while the workers sum the zones, so the random
 * numbers overlap the pair sums. Positions, velocities and normals live in SharedArrayBuffers;
 * the main thread waits for the step with Atomics.wait, so `step` stays synchronous.
 *
 * Equal fish counts per worker balance the work: a worker evaluates, per fish i, its partners
 * j < lo plus its partners j > i, on average (1 − 1/(2T)) of a fish's neighbours for every
 * worker. Pairs straddling two ranges are evaluated by both workers, so T threads do (2 − 1/T)
 * times the pair geometry of one thread; measured, the whole step costs 1.24× one thread's CPU
 * for two ranges and 1.32× for three (N = 20,000).
 *
 * When no worker can be started (no worker script beside this module, a start-up error or
 * time-out) `createSchoolStepper` returns the one-thread stepper: same results.
 */
import {MessageChannel, receiveMessageOnPort, Worker, type MessagePort} from 'node:worker_threads'
import {InternalError} from '../../../core/errors.js'
import {workerEntry, type WorkerEntry} from '../../../core/worker-entry.js'
import {CouzinStepper, type NeighbourSearch} from '../kernels/couzin-step.js'
import type {StepWorkerData} from './couzin-step-worker.js'
import type {SchoolState} from '../kernels/initial-state.js'
import type {NumpyRandomState} from '../../../core/random/numpy-mt19937.js'
import type {SchoolParameters} from '../kernels/school-parameters.js'
import type {SchoolStepper} from '../kernels/simulate-school.js'
import {
  COMMAND,
  createChannelBuffers,
  DONE,
  EXIT,
  FAILED,
  GO,
  NOISE,
  openChannel,
  waitUntil,
  type StepChannel,
} from './step-channel.js'

export interface StepperOptions {
  /** worker threads (<= 1: the calling thread) */
  readonly threads: number
  readonly search?: NeighbourSearch
  readonly skin?: number
  /** give up starting workers after this long (default 60 s) and step in the calling thread */
  readonly startTimeoutMs?: number
}

/**
 * From this many fish on, two threads beat one clearly (>= 15 % in wall time on two free
 * cores); below it the gain is <= 5 % for about 50 % more CPU (the pairs straddling ranges are
 * evaluated twice, and each step pays a hand-off of some 30 µs). Measured with
 * bench/school/step-threads.ts, docs/school.md "Threads".
 */
export const THREADED_MIN_FISH = 2000

/** The default thread count for N fish on `cores` cores: 1 below THREADED_MIN_FISH, all cores above. */
export function defaultStepThreads(n: number, cores: number): number {
  return n >= THREADED_MIN_FISH ? Math.max(1, cores) : 1
}

/** A stepper on `threads` worker threads, or the calling thread when 1 is asked for or workers cannot start. */
export async function createSchoolStepper(p: SchoolParameters, o: StepperOptions): Promise<SchoolStepper> {
  const threads = Math.min(Math.floor(o.threads), p.n_fish)
  const entry = threads > 1 ? workerEntry(import.meta.url, 'couzin-step-worker') : undefined
  const threaded = entry ? await ThreadedCouzinStepper.start(p, threads, entry, o) : undefined
  return threaded ?? singleThread(new CouzinStepper(p, o.search ?? 'auto', o.skin))
}

function singleThread(stepper: CouzinStepper): SchoolStepper {
  return {threads: 1, step: (state, rng) => stepper.step(state, rng), close: async () => {}}
}

class ThreadedCouzinStepper implements SchoolStepper {
  private constructor(
    private readonly p: SchoolParameters,
    private readonly workers: Worker[],
    private readonly channel: StepChannel,
    private readonly errors: MessagePort[],
  ) {}

  get threads(): number {
    return this.workers.length
  }

  /** Starts the workers; undefined (all stopped again) if any fails to start in time. */
  static async start(
    p: SchoolParameters,
    threads: number,
    entry: WorkerEntry,
    o: StepperOptions,
  ): Promise<ThreadedCouzinStepper | undefined> {
    const buffers = createChannelBuffers(p.n_fish)
    const workers: Worker[] = []
    const errors: MessagePort[] = []
    const started: Promise<boolean>[] = []
    for (let w = 0; w < threads; w++) {
      const lo = Math.floor((w * p.n_fish) / threads),
        hi = Math.floor(((w + 1) * p.n_fish) / threads)
      const {port1, port2} = new MessageChannel()
      const data: StepWorkerData = {
        params: p,
        search: o.search ?? 'auto',
        skin: o.skin,
        lo,
        hi,
        workers: threads,
        buffers,
        errors: port2,
      }
      let worker: Worker
      try {
        worker = new Worker(entry.source, {eval: entry.eval, workerData: data, transferList: [port2]})
      } catch {
        port1.close()
        break
      }
      workers.push(worker)
      errors.push(port1)
      started.push(
        new Promise<boolean>((resolve) => {
          worker.once('message', (m: {ready?: boolean}) => resolve(m.ready === true))
          worker.once('error', () => resolve(false))
          worker.once('exit', () => resolve(false))
        }),
      )
    }
    const timeout = new Promise<boolean>((resolve) => setTimeout(resolve, o.startTimeoutMs ?? 60_000, false).unref())
    const ok =
      workers.length === threads && (await Promise.race([Promise.all(started).then((r) => r.every(Boolean)), timeout]))
    if (!ok) {
      await Promise.all(workers.map((w) => w.terminate()))
      for (const port of errors) port.close()
      return undefined
    }
    for (const w of workers) w.unref()
    for (const port of errors) port.unref()
    return new ThreadedCouzinStepper(p, workers, openChannel(buffers), errors)
  }

  step(state: SchoolState, rng: NumpyRandomState): void {
    const {control, posIn, velIn, posOut, velOut, noise} = this.channel
    posIn.set(state.positions)
    velIn.set(state.velocities)
    Atomics.store(control, DONE, 0)
    const generation = Atomics.add(control, GO, 1) + 1
    Atomics.notify(control, GO)
    if (this.p.noise > 0) {
      rng.fillRandn(noise)
      Atomics.store(control, NOISE, generation)
      Atomics.notify(control, NOISE)
    }
    waitUntil(control, DONE, this.workers.length)
    if (Atomics.load(control, FAILED) !== 0) {
      const message = this.errors
        .map((port) => receiveMessageOnPort(port)?.message as string | undefined)
        .find((m) => m !== undefined)
      throw new InternalError(`a school step worker failed: ${message ?? 'unknown error'}`)
    }
    state.positions.set(posOut)
    state.velocities.set(velOut)
  }

  async close(): Promise<void> {
    const control = this.channel.control
    Atomics.store(control, COMMAND, EXIT)
    Atomics.add(control, GO, 1)
    Atomics.notify(control, GO)
    await Promise.all(this.workers.map((w) => w.terminate()))
    for (const port of this.errors) port.close()
  }
}
