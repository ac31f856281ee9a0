import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {assertCloseToScale, householderConjugate, lcg, loadReference, solversUnderTest} from './reference-fixture.js'
import {nonEmpty} from '../../helpers/fixture.js'

/** formats-and-engine.md §6: infolens target 1e-12 relative (to the largest |λ|) against saved numpy values. */
const REL_TOL = 1e-12
const {solvers, nativeMissing} = solversUnderTest()
const reference = loadReference()

describe('eigvalsh: solvers under test', () => {
  it(
    'lapack addon',
    {
      skip: nativeMissing
        ? 'native addon not built (INFOLENS_LAPACK=off or no lapacke headers): lapack path NOT tested'
        : false,
    },
    () => {
      assert.ok(solvers.some((s) => s.id === 'lapack'))
    },
  )
})

for (const solver of solvers) {
  describe(`eigvalsh [${solver.id}]`, () => {
    it('1x1 and 2x2 closed forms', () => {
      assert.deepEqual([...solver.eigvalsh(Float64Array.of(-3.5), 1)], [-3.5])
      // [[2, 1], [1, 2]] → 1, 3; [[a, b], [b, c]] → (a+c)/2 ± sqrt(((a−c)/2)² + b²)
      assertCloseToScale(solver.eigvalsh(Float64Array.of(2, 1, 1, 2), 2), [1, 3], 1e-15, '2x2')
      const [a, b, c] = [0.3, -1.7, 5.25]
      const r = Math.hypot((a - c) / 2, b)
      assertCloseToScale(
        solver.eigvalsh(Float64Array.of(a, b, b, c), 2),
        [(a + c) / 2 - r, (a + c) / 2 + r],
        1e-15,
        '2x2 general',
      )
    })

    it('diagonal matrices return their sorted diagonal', () => {
      const d = [4, -1, 0, 2.5, 1e-3, -7]
      const n = d.length
      const m = new Float64Array(n * n)
      d.forEach((x, i) => (m[i * n + i] = x))
      assert.deepEqual(
        [...solver.eigvalsh(m, n)],
        [...d].sort((x, y) => x - y),
      )
    })

    for (const scale of [1, 1e-8, 1e8]) {
      it(`H diag(d) H with known d (n = 64, scale ${scale}), repeated values included`, () => {
        const rnd = lcg(7)
        const d = Array.from({length: 64}, (_, i) => (i < 8 ? 2 : i < 12 ? -3 : 10 * rnd()) * scale)
        const a = householderConjugate(d, 11)
        const copy = Float64Array.from(a)
        assertCloseToScale(
          solver.eigvalsh(a, 64),
          [...d].sort((x, y) => x - y),
          REL_TOL,
          'known spectrum',
        )
        assert.deepEqual(a, copy, 'input unchanged')
      })
    }

    it('H diag(d) H with known d at n = 161: several 32-wide panels, a 128-row tile edge and ragged 3x4 blocks', () => {
      const rnd = lcg(19)
      const d = Array.from({length: 161}, (_, i) => (i < 20 ? 1 : i < 23 ? -0.25 : 4 * rnd()))
      const a = householderConjugate(d, 23)
      assertCloseToScale(
        solver.eigvalsh(a, 161),
        [...d].sort((x, y) => x - y),
        REL_TOL,
        'known spectrum n=161',
      )
    })

    it('rank-deficient Gram (rank 25 of 70) has 45 eigenvalues at ~0', () => {
      const c = reference.find((r) => r.name === 'rank25-100x70')!
      const g = solver.gram(c.matrix, c.rows, c.cols)
      const w = solver.eigvalsh(g, c.cols)
      assertCloseToScale(w, c.gramEigenvalues!, REL_TOL, 'rank-deficient')
    })

    for (const c of nonEmpty(
      reference.filter((r) => r.kind === 'eigvalsh'),
      'linalg reference eigvalsh cases',
    )) {
      it(`matches numpy eigvalsh: ${c.name}`, () => {
        assertCloseToScale(solver.eigvalsh(c.matrix, c.rows), c.eigenvalues!, REL_TOL, c.name)
      })
    }
  })
}

describe('eigvalsh: implementations agree', () => {
  it(
    'lapack and typescript give the same GOE spectrum to 1e-12',
    {skip: nativeMissing ? 'native addon absent' : false},
    () => {
      const c = reference.find((r) => r.name === 'goe-200-seed42')!
      const [x, y] = solvers.map((s) => s.eigvalsh(c.matrix, c.rows))
      assertCloseToScale(x, y, REL_TOL, 'lapack vs typescript')
    },
  )
})
