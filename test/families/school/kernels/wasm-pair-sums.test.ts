/**
 * The WebAssembly SIMD all-pairs kernel (wasm-pair-sums.ts) against the TypeScript pair loop of
 * couzin-step.ts: whole trajectories compared bit for bit (positions and velocities as bytes,
 * every step), in the regimes that exercise each branch of the kernel: the dense paper box
 * (r_a > L/2, all zones), no blind cone (the self-pair correction with blind = 0), a wide blind
 * cone (0 > −cos α fails: no self correction), an odd fish count (the last row alone in lane 0),
 * worker ranges, and coincident fish (dist < 1e-10 kept with du = d).
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {CouzinStepper, WASM_PAIRS_MIN_FISH} from '../../../../src/families/school/kernels/couzin-step.js'
import {initialState, type SchoolState} from '../../../../src/families/school/kernels/initial-state.js'
import {canonicalConfigs, type SchoolParameters} from '../../../../src/families/school/kernels/school-parameters.js'
import {NumpyRandomState} from '../../../../src/core/random/numpy-mt19937.js'
import {simdStatus} from '../../../../src/core/linalg/simd-kernels.js'

const wasmAvailable = simdStatus() === 'wasm-simd'

/** Every step's positions and velocities as bytes, from one stepper per fish range (the worker split). */
function trajectory(
  p: SchoolParameters,
  kernel: 'wasm' | 'typescript',
  ranges = 1,
  edit?: (s: SchoolState) => void,
): Buffer[] {
  const rng = new NumpyRandomState(p.seed)
  const state = initialState(p, rng)
  edit?.(state)
  const cut = (w: number) => Math.floor((w * p.n_fish) / ranges)
  const steppers = Array.from(
    {length: ranges},
    (_, w) => new CouzinStepper(p, 'all-pairs', undefined, {lo: cut(w), hi: cut(w + 1)}, kernel),
  )
  for (const s of steppers) assert.equal(s.pairKernel, kernel)
  const normals = new Float64Array(3 * p.n_fish)
  const out: Buffer[] = []
  for (let k = 0; k < p.n_steps; k++) {
    if (p.noise > 0) rng.fillRandn(normals)
    const pos = state.positions.slice(),
      vel = state.velocities.slice()
    for (const s of steppers) s.sumZones(pos, vel)
    for (const s of steppers) s.advance(normals, pos, state.positions, state.velocities)
    out.push(Buffer.from(state.positions.slice().buffer), Buffer.from(state.velocities.slice().buffer))
  }
  return out
}

function assertSame(p: SchoolParameters, label: string, ranges = 1, edit?: (s: SchoolState) => void): void {
  const want = trajectory(p, 'typescript', 1, edit)
  assert.notDeepEqual(want.at(-1), want[0], `${label}: the school moved`)
  const got = trajectory(p, 'wasm', ranges, edit)
  const bad = got.findIndex((b, k) => !b.equals(want[k]))
  assert.equal(bad, -1, `${label}: step ${Math.floor(bad / 2) + 1} ${bad % 2 ? 'velocities' : 'positions'} differ`)
}

const dense = (name: keyof typeof canonicalConfigs, n: number, steps: number): SchoolParameters => ({
  ...canonicalConfigs[name],
  torus_init: false,
  n_fish: n,
  n_steps: steps,
})

test('the kernel is used from WASM_PAIRS_MIN_FISH fish on, in all-pairs mode only', {skip: !wasmAvailable}, () => {
  const p = dense('swarm', WASM_PAIRS_MIN_FISH, 1)
  assert.equal(new CouzinStepper(p, 'all-pairs').pairKernel, 'wasm')
  assert.equal(new CouzinStepper({...p, n_fish: WASM_PAIRS_MIN_FISH - 1}, 'all-pairs').pairKernel, 'typescript')
  assert.equal(new CouzinStepper({...p, box_size: 100, r_attraction: 5}, 'auto').pairKernel, 'typescript') // grid
  assert.equal(new CouzinStepper(p, 'all-pairs', undefined, undefined, 'typescript').pairKernel, 'typescript')
})

test('dense paper boxes (r_a > L/2): bit-identical trajectories, all four configs', {skip: !wasmAvailable}, () => {
  assertSame(dense('swarm', 800, 12), 'swarm 800') // 30° blind cone, repulsion-dominated
  assertSame(dense('highly-parallel', 600, 12), 'highly parallel 600')
  assertSame(dense('dynamic-parallel', 700, 10), 'dynamic parallel 700')
  assertSame({...canonicalConfigs.swarm, n_steps: 40}, 'swarm at paper size (150 fish, box 25)')
  assertSame({...canonicalConfigs['highly-parallel'], n_steps: 40}, 'highly parallel at paper size (250 fish)')
  // 150° blind cone: 0 > −cos α fails, so the self pair is not counted and nothing is undone
  assertSame({...dense('torus', 600, 10), box_size: 18}, 'torus radii, box 18')
})

test('no blind cone, no noise, odd fish count and uneven worker ranges', {skip: !wasmAvailable}, () => {
  assertSame({...dense('swarm', 601, 10), blind_angle: 0}, 'blind 0, N = 601')
  assertSame({...dense('swarm', 555, 10), noise: 0, blind_angle: 90}, 'blind 90°, no noise, N = 555')
  assertSame(dense('dynamic-parallel', 701, 8), '3 ranges, N = 701', 3)
})

test('a sparse box in all-pairs mode (most pairs beyond r_a: the prefilter skips them)', {skip: !wasmAvailable}, () => {
  // L = 2.5·r_a: about 27 % of the pairs lie within r_a, so many lane pairs skip the sqrt and divisions
  assertSame({...dense('swarm', 600, 10), box_size: 37.5}, 'swarm radii, box 37.5')
  assertSame({...dense('swarm', 601, 10), box_size: 37.5, blind_angle: 0}, 'box 37.5, no blind cone')
})

test(
  'coincident fish (distance 0 between different fish) are kept with du = d as in the TypeScript loop',
  {
    skip: !wasmAvailable,
  },
  () => {
    const p = dense('swarm', 520, 3)
    assertSame(p, 'two fish on one spot', 1, (s) => {
      s.positions.copyWithin(3 * 7, 3 * 3, 3 * 4) // fish 7 sits exactly on fish 3
      s.positions.copyWithin(3 * 8, 3 * 3, 3 * 4) // and fish 8 too (a pair inside one lane pair)
    })
  },
)
