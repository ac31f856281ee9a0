import {test} from 'node:test'
import assert from 'node:assert/strict'
import {MinimumImage} from '../../../../src/families/school/kernels/minimum-image.js'
import {minimumImage} from '../../../../src/families/school/kernels/periodic-box.js'
import {PeriodicKnn} from '../../../../src/families/school/kernels/periodic-knn.js'
import {NumpyRandomState} from '../../../../src/core/random/numpy-mt19937.js'
import {canonicalConfigs} from '../../../../src/families/school/kernels/school-parameters.js'
import {simulateSchool} from '../../../../src/families/school/kernels/simulate-school.js'

/** Doubles next to x: x and up to `count` ulps either side. */
function around(x: number, count: number): number[] {
  const f = new Float64Array(1)
  const u = new BigInt64Array(f.buffer)
  const out: number[] = []
  for (let k = -count; k <= count; k++) {
    f[0] = x
    u[0] += BigInt(Math.sign(x) * k)
    out.push(f[0])
  }
  return out
}

test('division-free minimum image equals d − L·round_half_even(d/L) bit for bit, ties included', () => {
  const rng = new NumpyRandomState(3)
  for (const L of [25, 35, 28, 0.3, 7.1, 1e-3, 116.96, 2 / 3]) {
    const img = new MinimumImage(L)
    const inputs = [...around(L / 2, 8), ...around(-L / 2, 8), ...around(L, 2), ...around(-L, 2), 0]
    // (−0 is left out: offsets of positions in [0, L) are never −0, and there d − L·0 gives +0.)
    for (let k = 0; k < 2000; k++) inputs.push((2 * rng.rand() - 1) * L)
    for (const d of inputs) {
      if (Math.abs(d) > L) continue
      assert.ok(Object.is(img.apply(d), minimumImage(d, L)), `L=${L} d=${d}: ${img.apply(d)} vs ${minimumImage(d, L)}`)
    }
  }
})

test('grid k-nearest-neighbour search returns the all-pairs distances bit for bit', () => {
  const rng = new NumpyRandomState(11)
  for (const [n, L, layout] of [
    [900, 30, 'uniform'],
    [1200, 40, 'clustered'],
    [500, 10, 'clustered'],
    // a 10³ lattice of spacing 3: fish on cell faces (side 10 or 5) and many tied distances, where the
    // cells skipped by their face distance must be exactly those that hold no nearer fish
    [1000, 30, 'lattice'],
  ] as const) {
    const pos = new Float64Array(3 * n)
    for (let k = 0; k < 3 * n; k++) {
      // clustered: a tight ball that straddles the box corner, plus a sparse background
      const x =
        layout === 'lattice'
          ? 3 * (Math.floor(k / 3 / 10 ** (k % 3)) % 10)
          : layout === 'clustered' && k < 2 * n
            ? (rng.rand() - 0.5) * (L / 6)
            : rng.rand() * L
      pos[k] = ((x % L) + L) % L
    }
    const grid = new PeriodicKnn(n, 5)
    const brute = new PeriodicKnn(n, 5) as unknown as {chooseSide: () => number; compute: PeriodicKnn['compute']}
    brute.chooseSide = () => 0
    for (let frame = 0; frame < 3; frame++) {
      // the first frame uses the density guess, later ones the adaptive width
      const a = grid.compute(pos, n, L).slice(0, 5 * n)
      const b = brute.compute(pos, n, L).slice(0, 5 * n)
      assert.deepEqual(a, b, `n=${n} L=${L} frame ${frame}`)
      assert.ok(a.every((d) => Number.isFinite(d) && d <= (Math.sqrt(3) * L) / 2))
    }
  }
})

test('all-pairs k-NN seeded with the neighbours of the previous frame equals an unseeded search, frame after frame', () => {
  const p = {...canonicalConfigs['highly-parallel'], n_fish: 200, n_steps: 25}
  const seeded = new PeriodicKnn(p.n_fish, 5)
  for (const f of simulateSchool(p)) {
    const a = seeded.compute(f.state.positions, p.n_fish, p.box_size).slice()
    const b = new PeriodicKnn(p.n_fish, 5).compute(f.state.positions, p.n_fish, p.box_size)
    assert.deepEqual(a, b, `step ${f.step}`)
  }
})
