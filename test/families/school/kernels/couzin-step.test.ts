import {test} from 'node:test'
import assert from 'node:assert/strict'
import {simulateSchool} from '../../../../src/families/school/kernels/simulate-school.js'
import {reference, runParameters} from './reference-fixture.js'
import {CellGrid} from '../../../../src/families/school/kernels/cell-grid.js'
import {roundHalfEven, wrapIntoBox} from '../../../../src/families/school/kernels/periodic-box.js'
import {CouzinStepper} from '../../../../src/families/school/kernels/couzin-step.js'
import {initialState} from '../../../../src/families/school/kernels/initial-state.js'
import {NumpyRandomState} from '../../../../src/core/random/numpy-mt19937.js'
import {nonEmpty} from '../../../helpers/fixture.js'

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length)
  let m = 0
  for (let k = 0; k < a.length; k++) m = Math.max(m, Math.abs(a[k] - b[k]))
  return m
}

for (const run of nonEmpty(reference.runs, 'couzin reference runs')) {
  test(`trajectory '${run.name}' matches the numpy reference to 1e-9 after 60 steps`, () => {
    const p = runParameters(run)
    const wanted = new Map(run.frames.map((f) => [f.step, f]))
    let seen = 0
    let maxSeen = 0
    for (const frame of simulateSchool(p)) {
      const ref = wanted.get(frame.step)
      if (ref === undefined) continue
      seen++
      const dp = maxAbsDiff(frame.state.positions, ref.positions)
      const dv = maxAbsDiff(frame.state.velocities, ref.velocities)
      assert.ok(dp <= 1e-9 && dv <= 1e-9, `step ${frame.step}: max |Δpos| = ${dp}, max |Δvel| = ${dv}`)
      // glibc's log/sin/cos are not correctly rounded, V8's differ: the start may differ by an ulp.
      if (frame.step === 0) assert.ok(dp + dv <= 1e-14, `initial state differs by ${dp + dv}`)
      maxSeen = Math.max(maxSeen, dp, dv)
    }
    assert.equal(seen, run.frames.length)
    process.stdout.write(`# ${run.name}: max |Δ| over frames 0..60 = ${maxSeen.toExponential(2)}\n`)
  })
}

test('grid search gives bit-identical trajectories to all-pairs', () => {
  const run = reference.runs.find((r) => r.name === 'grid')!
  const p = {...runParameters(run), n_steps: 40}
  const grid = [...simulateSchool(p, 'grid')].length // consumes; compare final states below
  assert.equal(grid, 41)
  const a = simulateSchool(p, 'grid')
  const b = simulateSchool(p, 'all-pairs')
  for (;;) {
    const fa = a.next()
    const fb = b.next()
    if (fa.done || fb.done) break
    assert.deepEqual(fa.value.state.positions, fb.value.state.positions, `step ${fa.value.step}`)
  }
  assert.notEqual(CellGrid.forRadius(24, 5.5, 10), null)
  assert.equal(CellGrid.forRadius(25, 15, 10), null) // swarm config: r_a > L/3 → all pairs
})

test('identical seeds give identical trajectories; different seeds differ', () => {
  const p = {...runParameters(reference.runs[0]), n_steps: 20}
  const last = (seed: number) => [...simulateSchool({...p, seed})].map((f) => f.state.positions.slice()).pop()!
  assert.deepEqual(last(5), last(5))
  assert.notDeepEqual(last(5), last(6))
})

test('np.round and np.mod semantics', () => {
  assert.deepEqual([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.49999999999999994].map(roundHalfEven), [0, 2, 2, -0, -2, -2, 0])
  assert.equal(wrapIntoBox(-1e-300, 10), 10) // as np.mod: fmod then +L
  assert.equal(wrapIntoBox(-3, 10), 7)
  assert.equal(Object.is(wrapIntoBox(-10, 10), 0), true)
  assert.equal(wrapIntoBox(25, 10), 5)
})

test('Verlet lists (skin 0, small, default, large) give bit-identical trajectories to all-pairs and are rebuilt as fish move', () => {
  const run = reference.runs.find((r) => r.name === 'grid')!
  const p = {...runParameters(run), n_steps: 30}
  const states = (search: 'grid' | 'all-pairs', skin?: number) => {
    const rng = new NumpyRandomState(p.seed)
    const state = initialState(p, rng)
    const stepper = new CouzinStepper(p, search, skin)
    const frames: Float64Array[] = []
    for (let k = 0; k < p.n_steps; k++) {
      stepper.step(state, rng)
      frames.push(state.positions.slice(), state.velocities.slice())
    }
    return {frames, builds: stepper.verlet?.builds ?? 0}
  }
  const reference_ = states('all-pairs')
  const step = p.speed * p.dt
  // box 24 holds 3 cells of width r_a + skin for skin < 2.5 (a larger skin is halved until it fits)
  for (const skin of [0, 0.5 * step, undefined, 20 * step]) {
    const got = states('grid', skin)
    assert.deepEqual(got.frames, reference_.frames, `skin ${skin}`)
    if (skin === 0) assert.equal(got.builds, p.n_steps, 'skin 0 rebuilds every step')
    if (skin === 0.5 * step) assert.ok(got.builds >= p.n_steps / 2, `small skin rebuilt only ${got.builds} times`)
    if (skin === 20 * step) assert.ok(got.builds <= 3, `large skin rebuilt ${got.builds} times`)
  }
})
