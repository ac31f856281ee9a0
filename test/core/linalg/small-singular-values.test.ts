/**
 * The Gram-first route (gram-first.ts) and the LU refinement of the small end (small-singular-values.ts), on every
 * solver, against planted spectra W = H₁·diag(σ)·H₂ whose singular values are known in closed form (to u·κ
 * relative, far below the 1e-9 contract): square matrices the Gram cannot resolve come back by 'gram-lu' with every
 * σ within 1e-9 of the planted ones; well-conditioned ones stay 'eigvalsh-gram'; κ = 1e8 (beyond the LU model),
 * rectangular and exactly singular matrices go to the SVD. Plus the certificate's clustering rules and the pool.
 */
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {GRAM_TOLERANCE} from '../../../src/core/linalg/gram-accuracy.js'
import {singularValuesGramFirst} from '../../../src/core/linalg/gram-first.js'
import {createLinalgPool} from '../../../src/core/linalg/pool.js'
import {proven} from '../../../src/core/linalg/small-singular-values.js'
import type {LinalgSolver} from '../../../src/core/linalg/linalg-solver.js'
import {plantedSingular, solversUnderTest} from './reference-fixture.js'

/** n values: most between 1 and 0.5, the last `tail` falling geometrically to 1/κ. */
function spectrum(n: number, kappa: number, tail: number): Float64Array {
  const head = n - tail
  return Float64Array.from({length: n}, (_, i) =>
    i < head ? 1 - (0.5 * i) / head : 0.5 * (2 / kappa) ** ((i - head + 1) / tail),
  )
}

function routed(solver: LinalgSolver, w: Float64Array, rows: number, cols: number) {
  return singularValuesGramFirst(
    solver,
    w,
    rows,
    cols,
    solver.eigvalsh(solver.gram(w, rows, cols), Math.min(rows, cols)),
  )
}

function assertPlanted(values: Float64Array, sigma: Float64Array, what: string): void {
  for (let i = 0; i < sigma.length; i++)
    assert.ok(Math.abs(values[i] / sigma[i] - 1) <= GRAM_TOLERANCE, `${what} σ${i}: ${values[i]} vs ${sigma[i]}`)
}

for (const solver of solversUnderTest().solvers) {
  describe(`Gram-first singular values [${solver.id}]`, () => {
    for (const [kappa, tail] of [
      [1e3, 4],
      [1e4, 12],
      [5e4, 30],
    ] as const) {
      it(`square 150², κ = ${kappa}: the small end refined by LU, every σ within 1e-9 of the planted ones`, () => {
        const sigma = spectrum(150, kappa, tail)
        const r = routed(solver, plantedSingular(150, 150, sigma, kappa), 150, 150)
        assert.equal(r.route, 'gram-lu')
        assertPlanted(r.values, sigma, `κ ${kappa}`)
      })
    }

    it('a geometric spectrum (half the values below the Gram line) is refined too', () => {
      const sigma = Float64Array.from({length: 120}, (_, i) => 3e4 ** (-i / 119))
      const r = routed(solver, plantedSingular(120, 120, sigma, 5), 120, 120)
      assert.equal(r.route, 'gram-lu')
      assertPlanted(r.values, sigma, 'geometric')
    })

    it('well-conditioned: the Gram alone; κ = 1e8, rectangular or singular: the SVD', () => {
      const good = spectrum(100, 20, 3)
      const g = routed(solver, plantedSingular(100, 100, good, 1), 100, 100)
      assert.equal(g.route, 'eigvalsh-gram')
      assertPlanted(g.values, good, 'κ 20')
      const bad = spectrum(100, 1e8, 5)
      assert.equal(routed(solver, plantedSingular(100, 100, bad, 2), 100, 100).route, 'svd')
      const tall = spectrum(100, 1e4, 5)
      assert.equal(routed(solver, plantedSingular(130, 100, tall, 3), 130, 100).route, 'svd')
      const singular = plantedSingular(100, 100, spectrum(100, 1e4, 5), 4)
      for (let i = 0; i < 100; i++) singular[i * 100 + 7] = 0 // a zero column: σmin = 0 exactly
      const s = routed(solver, singular, 100, 100)
      assert.equal(s.route, 'svd')
    })
  })
}

describe('the residual certificate', () => {
  it('accepts disjoint intervals above the ceiling within tolerance, merges overlapping ones', () => {
    const theta = Float64Array.from([100, 50, 10])
    assert.equal(proven(theta, Float64Array.from([1e-8, 1e-9, 1e-10]), 1, 1e-9), true)
    assert.equal(
      proven(theta, Float64Array.from([1e-8, 1e-9, 1e-10]), 10, 1e-9),
      false,
      'lowest interval at the ceiling',
    )
    assert.equal(proven(theta, Float64Array.from([1e-6, 1e-9, 1e-10]), 1, 1e-9), false, 'radius over tolerance')
    // 50 ± 30 overlaps 10 ± 30: one cluster of radius hypot(30, 30) whose interval reaches below the ceiling
    assert.equal(proven(theta, Float64Array.from([1e-8, 30, 30]), 1, 1), false)
    // a cluster of two close values with small residuals is fine
    const close = Float64Array.from([100, 10 + 1e-12, 10])
    assert.equal(proven(close, Float64Array.from([1e-8, 1e-9, 1e-9]), 1, 1e-9), true)
    assert.equal(proven(Float64Array.from([1, 0]), Float64Array.from([0, 0]), -1, 1), false, 'θ = 0')
  })
})

describe('pool: svdvalsGramFirst', () => {
  it('returns the route with the values from a worker', async () => {
    const pool = createLinalgPool({threads: 2})
    try {
      const sigma = spectrum(80, 1e4, 6)
      const r = await pool.svdvalsGramFirst(plantedSingular(80, 80, sigma, 9), 80, 80, 'w')
      assert.equal(r.route, 'gram-lu')
      assertPlanted(r.values, sigma, 'pool')
      const t = await pool.svdvalsGramFirst(plantedSingular(90, 80, sigma, 9), 90, 80, 'w')
      assert.equal(t.route, 'svd')
    } finally {
      await pool.close()
    }
  })
})
