/**
 * The Couzin step of couzin-step.ts as float32 tensor operations on the tfjs engine, batched over
 * the members of an ensemble: all pairs of all members in one [B, N, N] computation (spec
 * school.md §5 "TF.js caveat": tensorised all-pairs pays off for batched ensembles or large N).
 *
 * Same rule as the float64 path: minimum image with half-to-even rounding (tf.round is banker's
 * rounding), strict zone radii, blind cone, repulsion priority, NLERP turn limit, additive
 * noise, floor-mod into [0, L). The noise comes from each member's own NumPy-legacy stream on the
 * CPU, so both paths consume identical random numbers and differ only by float32 rounding;
 * since the model is chaotic, trajectories separate over long runs (documented in docs/school.md).
 */
import type * as tfjs from '@tensorflow/tfjs-core'
import {initialState, type SchoolState} from './initial-state.js'
import {NumpyRandomState} from '../../../core/random/numpy-mt19937.js'
import type {SchoolParameters} from './school-parameters.js'
import type {SchoolFrame} from './simulate-school.js'

type Tf = typeof tfjs

export class TensorCouzinStepper {
  private readonly tf: Tf
  private readonly p: SchoolParameters
  private readonly b: number
  private readonly n: number
  private readonly notSelf: tfjs.Tensor
  private readonly upload: {pos: Float32Array; vel: Float32Array; noise: Float32Array}

  constructor(tf: Tf, p: SchoolParameters, members: number) {
    this.tf = tf
    this.p = p
    this.b = members
    this.n = p.n_fish
    this.notSelf = tf.tidy(() => tf.reshape(tf.logicalNot(tf.cast(tf.eye(this.n), 'bool')), [1, this.n, this.n]))
    const size = members * 3 * this.n
    this.upload = {pos: new Float32Array(size), vel: new Float32Array(size), noise: new Float32Array(size)}
  }

  /** Steps every member in place (states are overwritten with the float32 results). */
  step(states: readonly SchoolState[], normals: readonly Float64Array[]): void {
    const {tf, b, n} = this
    const m3 = 3 * n
    for (let m = 0; m < b; m++) {
      this.upload.pos.set(states[m].positions, m * m3)
      this.upload.vel.set(states[m].velocities, m * m3)
      this.upload.noise.set(normals[m].subarray(0, m3), m * m3)
    }
    const [pos, vel] = tf.tidy(() =>
      this.kernel(
        tf.tensor3d(this.upload.pos, [b, n, 3]),
        tf.tensor3d(this.upload.vel, [b, n, 3]),
        tf.tensor3d(this.upload.noise, [b, n, 3]),
      ),
    )
    const pd = pos.dataSync()
    const vd = vel.dataSync()
    tf.dispose([pos, vel])
    for (let m = 0; m < b; m++) {
      states[m].positions.set(pd.subarray(m * m3, (m + 1) * m3))
      states[m].velocities.set(vd.subarray(m * m3, (m + 1) * m3))
    }
  }

  dispose(): void {
    this.notSelf.dispose()
  }

  private kernel(pos: tfjs.Tensor3D, vel: tfjs.Tensor3D, g: tfjs.Tensor3D): [tfjs.Tensor, tfjs.Tensor] {
    const {tf, p} = this
    const L = p.box_size
    const u = unitRows(tf, vel)
    // d[b, i, j] = x_j − x_i, minimum image
    let d = tf.sub(tf.expandDims(pos, 1), tf.expandDims(pos, 2))
    d = tf.sub(d, tf.mul(tf.round(tf.div(d, L)), L))
    const dist = tf.sqrt(tf.sum(tf.square(d), -1))
    const du = tf.div(d, tf.expandDims(tf.where(tf.less(dist, 1e-10), tf.onesLike(dist), dist), -1))
    let ok = tf.broadcastTo(this.notSelf, dist.shape)
    if (p.blind_angle > 0) {
      const cos = tf.sum(tf.mul(tf.expandDims(u, 2), du), -1)
      ok = tf.logicalAnd(ok, tf.greater(cos, -Math.cos((p.blind_angle * Math.PI) / 180)))
    }
    const band = (lo: number, hi: number) =>
      tf.cast(tf.logicalAnd(ok, tf.logicalAnd(tf.greaterEqual(dist, lo), tf.less(dist, hi))), 'float32')
    const rep = band(-1, p.r_repulsion)
    const ori = band(p.r_repulsion, p.r_orientation)
    const att = band(p.r_orientation, p.r_attraction)
    const repSum = tf.neg(tf.sum(tf.mul(du, tf.expandDims(rep, -1)), 2))
    const social = tf.add(
      tf.mul(tf.matMul(ori, u), p.orientation_weight),
      tf.sum(tf.mul(du, tf.expandDims(att, -1)), 2),
    )
    const nR = tf.sum(rep, -1, true)
    const nOA = tf.add(tf.sum(ori, -1, true), tf.sum(att, -1, true))
    const shape = u.shape
    const pick = (cond: tfjs.Tensor, a: tfjs.Tensor, b: tfjs.Tensor) => tf.where(tf.broadcastTo(cond, shape), a, b)
    let target = pick(tf.greater(nR, 0), repSum, pick(tf.greater(nOA, 0), social, u))
    const tNorm = norm(tf, target)
    target = pick(tf.greater(tNorm, 1e-10), tf.div(target, tNorm), u)
    const angle = tf.acos(tf.clipByValue(tf.sum(tf.mul(u, target), -1, true), -1, 1))
    const t = tf.div(p.max_turn, angle)
    const mix = unitRows(tf, tf.add(tf.mul(u, tf.sub(1, t)), tf.mul(target, t)))
    let heading = pick(tf.less(angle, 1e-10), u, pick(tf.lessEqual(angle, p.max_turn), target, mix))
    if (p.noise > 0) heading = unitRows(tf, tf.add(heading, tf.mul(g, p.noise)))
    const newVel = tf.mul(heading, p.speed)
    const newPos = tf.mod(tf.add(pos, tf.mul(newVel, p.dt)), L)
    return [newPos, newVel]
  }
}

function norm(tf: Tf, x: tfjs.Tensor): tfjs.Tensor {
  return tf.sqrt(tf.sum(tf.square(x), -1, true))
}

/** Rows divided by their norm (norm < 1e-10 → divide by 1, as the float64 path). */
function unitRows(tf: Tf, x: tfjs.Tensor): tfjs.Tensor {
  const m = norm(tf, x)
  return tf.div(x, tf.where(tf.less(m, 1e-10), tf.onesLike(m), m))
}

/**
 * All members of an ensemble (member m seeded with p.seed + m) stepped together on the tensor
 * engine; yields, per stored frame, one SchoolFrame per member (states live, as simulateSchool).
 */
export function* simulateSchoolBatch(tf: Tf, p: SchoolParameters, members: number): Generator<SchoolFrame[]> {
  const rngs = Array.from({length: members}, (_, m) => new NumpyRandomState(p.seed + m))
  const states = rngs.map((rng) => initialState(p, rng))
  const normals = states.map(() => new Float64Array(3 * p.n_fish))
  const stepper = new TensorCouzinStepper(tf, p, members)
  try {
    let frame = 0
    const frames = (step: number, stored = true) =>
      states.map((state) => ({frame, stored, step, time: step * p.dt, state}))
    yield frames(0)
    frame++
    for (let step = 1; step <= p.n_steps; step++) {
      if (p.noise > 0) rngs.forEach((rng, m) => rng.fillRandn(normals[m]))
      stepper.step(states, normals)
      if (step % p.save_interval === 0) {
        yield frames(step)
        frame++
      } else yield frames(step, false) // lets the pipeline answer signals between stored frames
    }
  } finally {
    stepper.dispose()
  }
}
