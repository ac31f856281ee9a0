/**
 * The shared memory between `threaded-couzin-step.ts` and its workers: a few Int32 control
 * words (synchronised with Atomics.wait/notify: 20–40 µs of CPU per step against 36–70 µs for
 * postMessage round trips, `bench/school/step-threads.ts`, and `step` can stay synchronous) and five N×3 float64
 * arrays: positions and velocities before the step (read by every worker), after it (each
 * worker writes its own fish only), and the step's normals (drawn by the main thread).
 */

/** Control words. */
export const GO = 0 // step counter: the main thread bumps it to start a step
export const NOISE = 1 // = GO once the step's normals are in `noise`
export const DONE = 2 // workers finished with the current step
export const COMMAND = 3 // STEP or EXIT
export const FAILED = 4 // 1 once a worker has thrown
const CONTROL_WORDS = 8

export const STEP = 0
export const EXIT = 1

export interface StepChannel {
  readonly control: Int32Array
  readonly posIn: Float64Array
  readonly velIn: Float64Array
  readonly posOut: Float64Array
  readonly velOut: Float64Array
  readonly noise: Float64Array
}

/** The buffers as posted to a worker (SharedArrayBuffers are shared, not copied). */
export interface StepChannelBuffers {
  readonly control: SharedArrayBuffer
  readonly data: SharedArrayBuffer
  readonly n: number
}

export function createChannelBuffers(n: number): StepChannelBuffers {
  return {control: new SharedArrayBuffer(4 * CONTROL_WORDS), data: new SharedArrayBuffer(5 * 3 * n * 8), n}
}

export function openChannel(b: StepChannelBuffers): StepChannel {
  const part = (k: number) => new Float64Array(b.data, k * 3 * b.n * 8, 3 * b.n)
  return {
    control: new Int32Array(b.control),
    posIn: part(0),
    velIn: part(1),
    posOut: part(2),
    velOut: part(3),
    noise: part(4),
  }
}

/** Blocks until control[word] === value (a spurious or stale wake-up just waits again). */
export function waitUntil(control: Int32Array, word: number, value: number): void {
  for (;;) {
    const now = Atomics.load(control, word)
    if (now === value) return
    Atomics.wait(control, word, now)
  }
}
