/**
 * The SIMD velocity-correlation histogram (heading-pair-histogram.ts) against the float64
 * TypeScript loop of school-metrics.ts: counts equal exactly, so the metrics are bit-identical.
 * Cases: simulated frames of every regime (parallel schools put most pairs near c = 1, where the
 * float32 path must defer to the exact rule), several seeds and sizes (N mod 4 = 0…3, so every
 * tail length of the four-pair blocks occurs), and adversarial headings whose pair values sit on
 * the bin edges, a few ulps either side of them, and at c = 0 and 1 (including c slightly above 1,
 * which NumPy drops).
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {createHeadingPairHistogram} from '../../../../src/families/school/kernels/heading-pair-histogram.js'
import {linspaceEdges} from '../../../../src/families/school/kernels/numpy-histogram.js'
import {SchoolMetrics} from '../../../../src/families/school/kernels/school-metrics.js'
import {canonicalConfigs} from '../../../../src/families/school/kernels/school-parameters.js'
import {simulateSchool} from '../../../../src/families/school/kernels/simulate-school.js'
import {simdStatus} from '../../../../src/core/linalg/simd-kernels.js'

const skip = simdStatus() !== 'wasm-simd'
const edges = linspaceEdges(0, 1, 20)

/** The float64 rule of school-metrics.ts, pair by pair (the reference for the counts). */
function countExactly(u: Float64Array, n: number): Float64Array {
  const counts = new Float64Array(20)
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const c = (u[3 * i] * u[3 * j] + u[3 * i + 1] * u[3 * j + 1] + u[3 * i + 2] * u[3 * j + 2] + 1) * 0.5
      if (!(c >= 0 && c <= 1)) continue
      let b = Math.min(Math.floor(c * 20), 19)
      if (c < edges[b]) b--
      else if (b !== 19 && c >= edges[b + 1]) b++
      counts[b]++
    }
  return counts
}

test(
  'simulated frames of all four regimes, several seeds and sizes: metrics bit-identical to the TypeScript loop',
  {
    skip,
  },
  () => {
    for (const name of ['swarm', 'torus', 'dynamic-parallel', 'highly-parallel'] as const)
      for (const [n, seed] of [
        [150, 1],
        [201, 2],
        [402, 3],
        [603, 4],
      ]) {
        const p = {...canonicalConfigs[name], n_fish: n, seed, n_steps: 30, save_interval: 30}
        const fast = new SchoolMetrics(n, p.box_size, 'naive')
        const slow = new SchoolMetrics(n, p.box_size, 'naive', 'typescript')
        assert.equal(fast.pairKernel, 'wasm')
        assert.equal(slow.pairKernel, 'typescript')
        for (const f of simulateSchool(p)) {
          const a = Array.from(fast.compute(f.state.positions, f.state.velocities))
          const b = Array.from(slow.compute(f.state.positions, f.state.velocities))
          assert.deepEqual(a, b, `${name} N = ${n} seed ${seed} frame ${f.frame}`)
        }
      }
  },
)

test(
  'headings on the bin edges, ulps around them, parallel and antiparallel: counts equal the float64 rule',
  {skip},
  () => {
    const unit: number[] = [1, 0, 0, -1, 0, 0]
    // partners of (1, 0, 0) at c = k/20 exactly and ±1…3 ulps of cos θ around it
    for (let k = 0; k <= 20; k++) {
      const base = 2 * edges[k] - 1
      for (const ulps of [-3, -1, 0, 1, 3]) {
        const x = Math.min(1, Math.max(-1, base + ulps * Number.EPSILON))
        unit.push(x, Math.sqrt(Math.max(0, 1 - x * x)), 0)
      }
    }
    // nearly parallel headings whose dot rounds to just above 1 (c > 1 is dropped by NumPy)
    unit.push(0.6, 0.8, 0, 0.6000000000000001, 0.7999999999999999, 0, 0.6, 0.8000000000000002, 0)
    const u = Float64Array.from(unit)
    const n = u.length / 3
    const kernel = createHeadingPairHistogram(n, edges)!
    for (const m of [n, n - 1, n - 2, n - 3, 2, 3, 5]) {
      const got = new Float64Array(20)
      kernel.count(u, m, got)
      assert.deepEqual(Array.from(got), Array.from(countExactly(u, m)), `first ${m} headings`)
    }
  },
)

test('identical headings (every pair at c = 1, all through the exact rule) and a capacity check', {skip}, () => {
  const n = 37
  const u = new Float64Array(3 * n)
  for (let i = 0; i < n; i++) u.set([0, 0.6, 0.8], 3 * i)
  const got = new Float64Array(20)
  createHeadingPairHistogram(n, edges)!.count(u, n, got)
  assert.deepEqual(Array.from(got), Array.from(countExactly(u, n)))
  assert.throws(() => createHeadingPairHistogram(4, edges)!.count(u, 5, got), RangeError)
  assert.equal(createHeadingPairHistogram(70000, edges), undefined, 'more pairs than an int32 counter holds')
})
