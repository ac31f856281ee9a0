/**
 * The velocity-correlation histogram on two threads (threaded-heading-pairs.ts) against the
 * one-thread SIMD kernel, which heading-pair-histogram.test.ts checks against the float64 loop:
 * counts equal exactly for odd and even N (the balanced split is a multiple of 4, so the worker's band
 * starts on a row block), isotropic and parallel headings, and frames of different N through one
 * instance; a row band alone counts exactly the pairs of its rows; the worker stops on `close`, and a
 * worker that cannot start in time leaves the caller on one thread.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {
  balancedRowSplit,
  createHeadingPairHistogram,
} from '../../../../src/families/school/kernels/heading-pair-histogram.js'
import {SchoolMetrics} from '../../../../src/families/school/kernels/school-metrics.js'
import {startThreadedHeadingPairs} from '../../../../src/families/school/threads/threaded-heading-pairs.js'
import {NumpyRandomState} from '../../../../src/core/random/numpy-mt19937.js'
import {simdStatus} from '../../../../src/core/linalg/simd-kernels.js'

const skip = simdStatus() !== 'wasm-simd'
const edges = SchoolMetrics.velocityCorrelationEdges

/** n unit headings: isotropic, or all within about 0.05 rad of +x (a parallel school: every pair near c = 1). */
function headings(n: number, seed: number, parallel = false): Float64Array {
  const rng = new NumpyRandomState(seed)
  const u = new Float64Array(3 * n)
  for (let i = 0; i < n; i++) {
    const g = parallel ? [20 + rng.randn(), rng.randn(), rng.randn()] : [rng.randn(), rng.randn(), rng.randn()]
    const m = Math.hypot(g[0], g[1], g[2])
    for (let a = 0; a < 3; a++) u[3 * i + a] = g[a] / m
  }
  return u
}

test('balancedRowSplit: a multiple of 4 that halves the pairs (within two rows of pairs)', () => {
  for (const n of [2, 3, 10, 101, 2000, 20001]) {
    const r = balancedRowSplit(n)
    assert.equal(r % 4, 0, `n=${n}`)
    const below = (r * (2 * n - r - 1)) / 2
    assert.ok(
      Math.abs(below - (n * (n - 1)) / 4) <= 2 * n,
      `n=${n}: ${below} of ${(n * (n - 1)) / 2} pairs below row ${r}`,
    )
  }
})

test('a band of rows counts exactly the pairs of its rows', {skip}, () => {
  const n = 603
  const u = headings(n, 5)
  const kernel = createHeadingPairHistogram(n, edges)!
  const all = new Float64Array(20),
    low = new Float64Array(20),
    high = new Float64Array(20)
  kernel.count(u, n, all)
  kernel.countRows(u, n, 0, 200, low)
  kernel.countRows(u, n, 200, n, high)
  const pairs = (a: Float64Array) => a.reduce((s, c) => s + c, 0)
  assert.equal(pairs(low), (200 * (2 * n - 200 - 1)) / 2)
  assert.deepEqual(
    Array.from(all),
    Array.from(low, (c, b) => c + high[b]),
  )
  assert.throws(() => kernel.countRows(u, n, 2, n, low), RangeError)
})

test('two threads give the one-thread counts exactly, frame after frame', {skip}, async () => {
  const capacity = 2003
  const threaded = await startThreadedHeadingPairs(capacity, edges)
  assert.ok(threaded, 'the worker started')
  const one = createHeadingPairHistogram(capacity, edges)!
  try {
    for (const [n, seed, parallel] of [
      [2003, 1, false],
      [2002, 2, true],
      [1001, 3, false],
      [2, 4, false],
      [3, 5, true],
    ] as const) {
      const u = headings(n, seed, parallel)
      const want = new Float64Array(20),
        got = new Float64Array(20)
      one.count(u, n, want)
      threaded.count(u, n, got)
      assert.deepEqual(Array.from(got), Array.from(want), `n=${n} seed=${seed}`)
      // isotropic headings never give c outside [0, 1] here, so every pair is counted once
      if (!parallel)
        assert.equal(
          got.reduce((s, c) => s + c, 0),
          (n * (n - 1)) / 2,
          `n=${n}: all pairs`,
        )
    }
  } finally {
    await threaded.close()
  }
})

test('a worker that does not start in time: undefined (the caller counts on one thread)', {skip}, async () => {
  assert.equal(await startThreadedHeadingPairs(100, edges, 0), undefined)
})
