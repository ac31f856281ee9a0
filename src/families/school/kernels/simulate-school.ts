/**
 * The simulation loop: seed NumPy's legacy generator once, draw the initial state, then step,
 * yielding frame 0 and every save_interval-th step (t_k = step·dt), as dewi-kadita's solver
 * stores them. The yielded state is live (overwritten by the next step): copy it to keep it.
 * `stepper` (default: a one-thread `CouzinStepper`) may be a threaded one
 * (`createSchoolStepper`): the trajectory is the same bit for bit.
 */
import {CouzinStepper, type NeighbourSearch} from './couzin-step.js'
import {initialState, type SchoolState} from './initial-state.js'
import {NumpyRandomState} from '../../../core/random/numpy-mt19937.js'
import type {SchoolParameters} from './school-parameters.js'

/** What the simulation loop needs of a stepper (the threaded one lives in ../threads). */
export interface SchoolStepper {
  /** threads doing the step (1: the calling thread) */
  readonly threads: number
  step(state: SchoolState, rng: NumpyRandomState): void
  close(): Promise<void>
}

export interface SchoolFrame {
  /** index of the stored frame, 0-based (for an unstored step: the next frame's index) */
  frame: number
  /** false for the steps between stored frames, yielded only with `everyStep` */
  stored: boolean
  step: number
  time: number
  state: SchoolState
}

/**
 * `everyStep` also yields the steps between stored frames (`stored: false`), so that a caller can
 * let signal handlers run while a frame is minutes of steps away (pipeline/simulate.ts).
 */
export function* simulateSchool(
  p: SchoolParameters,
  search: NeighbourSearch = 'auto',
  stepper: Pick<SchoolStepper, 'step'> = new CouzinStepper(p, search),
  everyStep = false,
): Generator<SchoolFrame> {
  const rng = new NumpyRandomState(p.seed)
  const state = initialState(p, rng)
  let frame = 0
  yield {frame: frame++, stored: true, step: 0, time: 0, state}
  for (let step = 1; step <= p.n_steps; step++) {
    stepper.step(state, rng)
    if (step % p.save_interval === 0) yield {frame: frame++, stored: true, step, time: step * p.dt, state}
    else if (everyStep) yield {frame, stored: false, step, time: step * p.dt, state}
  }
}
