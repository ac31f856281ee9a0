import {test} from 'node:test'
import assert from 'node:assert/strict'
import {CouzinStepper, type NeighbourSearch} from '../../../../src/families/school/kernels/couzin-step.js'
import {canonicalConfigs, type SchoolParameters} from '../../../../src/families/school/kernels/school-parameters.js'
import {simulateSchool, type SchoolStepper} from '../../../../src/families/school/kernels/simulate-school.js'
import {
  createSchoolStepper,
  defaultStepThreads,
  THREADED_MIN_FISH,
} from '../../../../src/families/school/threads/threaded-couzin-step.js'

/** Every frame's positions and velocities, as raw bytes (bit-exact comparison). */
function trajectory(p: SchoolParameters, search: NeighbourSearch, stepper: Pick<SchoolStepper, 'step'>): Buffer[] {
  const frames: Buffer[] = []
  for (const f of simulateSchool(p, search, stepper)) {
    frames.push(Buffer.from(f.state.positions.slice().buffer), Buffer.from(f.state.velocities.slice().buffer))
  }
  return frames
}

function assertSameTrajectory(got: Buffer[], want: Buffer[], label: string): void {
  assert.equal(got.length, want.length, label)
  const bad = got.findIndex((b, k) => !b.equals(want[k]))
  assert.equal(bad, -1, `${label}: step ${Math.floor(bad / 2)} ${bad % 2 ? 'velocities' : 'positions'} differ`)
}

/** The one-thread trajectory, then 1, 2 and 3 (or the given) threads, each compared bit for bit. */
async function compareThreads(
  p: SchoolParameters,
  search: NeighbourSearch,
  threadCounts: number[],
  skin?: number,
): Promise<void> {
  const serial = new CouzinStepper(p, search, skin)
  const want = trajectory(p, search, serial)
  // the rule really acted: the last frame is not the first one moved in a straight line
  assert.notDeepEqual(want.at(-1), want[1])
  for (const threads of threadCounts) {
    const stepper = await createSchoolStepper(p, {threads, search, skin})
    try {
      assert.equal(stepper.threads, threads, `${threads} workers started (not the one-thread fallback)`)
      assertSameTrajectory(trajectory(p, search, stepper), want, `${threads} threads`)
    } finally {
      await stepper.close()
    }
  }
}

// Radii of the NumPy-checked 'grid' fixture run (all three zones, 60° blind cone, noise), denser and larger.
const gridCase: SchoolParameters = {
  ...canonicalConfigs.swarm,
  scenario_name: 'threads-grid',
  n_fish: 1600,
  box_size: 40,
  speed: 1,
  r_repulsion: 1,
  r_orientation: 3,
  r_attraction: 5.5,
  max_turn: 0.2,
  noise: 0.1,
  blind_angle: 60,
  orientation_weight: 0.1,
  dt: 0.1,
  n_steps: 30,
  seed: 7,
  save_interval: 1,
}

test('grid mode: 1, 2 and 3 threads give bit-identical trajectories to the one-thread stepper (N = 1,600, 30 steps)', async () => {
  assert.equal(new CouzinStepper(gridCase).search, 'grid')
  await compareThreads(gridCase, 'grid', [1, 2, 3])
})

test('Verlet list rebuilt every step (skin 0), no noise: 2 and 3 threads stay bit-identical', async () => {
  const p = {...gridCase, n_fish: 1000, box_size: 34, noise: 0, n_steps: 20}
  const serial = new CouzinStepper(p, 'grid', 0)
  trajectory({...p, n_steps: 5}, 'grid', serial)
  assert.equal(serial.verlet?.builds, 5, 'skin 0 rebuilds at every step')
  await compareThreads(p, 'grid', [2, 3], 0)
})

test('all-pairs mode (box < 3 r_a), uneven ranges: 3 threads stay bit-identical', async () => {
  const p = {...canonicalConfigs.swarm, n_fish: 301, n_steps: 20}
  assert.equal(new CouzinStepper(p).search, 'all-pairs')
  await compareThreads(p, 'all-pairs', [3])
})

test('workers that do not start in time: the one-thread stepper, same trajectory', async () => {
  const p = {...gridCase, n_fish: 300, n_steps: 10}
  const stepper = await createSchoolStepper(p, {threads: 2, startTimeoutMs: 0})
  assert.equal(stepper.threads, 1)
  assertSameTrajectory(trajectory(p, 'auto', stepper), trajectory(p, 'auto', new CouzinStepper(p)), 'fallback')
  await stepper.close()
})

test('default thread count: 1 below the measured crossover, all cores from it on', () => {
  assert.equal(defaultStepThreads(THREADED_MIN_FISH - 1, 8), 1)
  assert.equal(defaultStepThreads(THREADED_MIN_FISH, 8), 8)
  assert.equal(defaultStepThreads(20000, 1), 1)
})
