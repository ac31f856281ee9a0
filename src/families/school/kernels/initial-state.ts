/**
 * Initial positions and velocities, drawn from the NumPy legacy stream in dewi-kadita's order
 * (spec school.md §2.3 random start, §2.4 ring start).
 */
import type {NumpyRandomState} from '../../../core/random/numpy-mt19937.js'
import {wrapIntoBox} from './periodic-box.js'
import type {SchoolParameters} from './school-parameters.js'

export interface SchoolState {
  /** N×3 row-major positions in [0, L) */
  positions: Float64Array
  /** N×3 row-major velocities, |v| = speed */
  velocities: Float64Array
}

/** Draws the initial state; the generator must be freshly seeded with `p.seed`. */
export function initialState(p: SchoolParameters, rng: NumpyRandomState): SchoolState {
  return p.torus_init ? ringStart(p, rng) : randomStart(p, rng)
}

/** `pos = rand(N,3)·L`; `g = randn(N,3)`; `vel = g/|g|·v0` (a zero norm is replaced by 1). */
function randomStart(p: SchoolParameters, rng: NumpyRandomState): SchoolState {
  const n = p.n_fish
  const positions = new Float64Array(3 * n)
  const velocities = new Float64Array(3 * n)
  rng.fillRand(positions)
  for (let k = 0; k < 3 * n; k++) positions[k] *= p.box_size
  rng.fillRandn(velocities)
  for (let i = 0; i < n; i++) {
    const o = 3 * i
    let norm = Math.sqrt(
      velocities[o] * velocities[o] + velocities[o + 1] * velocities[o + 1] + velocities[o + 2] * velocities[o + 2],
    )
    if (norm === 0) norm = 1
    for (let c = 0; c < 3; c++) velocities[o + c] = (velocities[o + c] / norm) * p.speed
  }
  return {positions, velocities}
}

/**
 * Ring start: fish i sits at angle 2πi/N + 0.1·g on a circle of radius R(1 + 0.15·g) in the
 * horizontal mid-plane, at depth L/2 + 0.3R·g, heading tangentially with a 0.1·g vertical tilt.
 */
function ringStart(p: SchoolParameters, rng: NumpyRandomState): SchoolState {
  const n = p.n_fish
  const L = p.box_size
  const R = p.torus_radius ?? L * 0.25
  const centre = L / 2
  const positions = new Float64Array(3 * n)
  const velocities = new Float64Array(3 * n)
  for (let i = 0; i < n; i++) {
    const theta = (2 * Math.PI * i) / n + rng.randn() * 0.1
    const r = R + rng.randn() * (R * 0.15)
    const o = 3 * i
    positions[o] = centre + r * Math.cos(theta)
    positions[o + 1] = centre + r * Math.sin(theta)
    positions[o + 2] = centre + rng.randn() * (R * 0.3)
    const vx = -Math.sin(theta)
    const vy = Math.cos(theta)
    const vz = rng.randn() * 0.1
    const norm = Math.sqrt(vx * vx + vy * vy + vz * vz)
    velocities[o] = (vx / norm) * p.speed
    velocities[o + 1] = (vy / norm) * p.speed
    velocities[o + 2] = (vz / norm) * p.speed
  }
  for (let k = 0; k < 3 * n; k++) positions[k] = wrapIntoBox(positions[k], L)
  return {positions, velocities}
}
