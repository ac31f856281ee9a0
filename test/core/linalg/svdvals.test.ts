import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {assertCloseToScale, lcg, loadReference, solversUnderTest, withSingularValues} from './reference-fixture.js'
import {nonEmpty} from '../../helpers/fixture.js'

const REL_TOL = 1e-12
/** σmin of a κ = 1e10 matrix: any backward-stable SVD errs by ~ε·σmax, i.e. ~κε ≈ 1e-6·c relative (a Gram route would err by ~κ²ε). */
const SIGMA_MIN_TOL = 1e-6
const {solvers} = solversUnderTest()
const reference = loadReference()

for (const solver of solvers) {
  describe(`svdvals [${solver.id}]`, () => {
    it('1x1, 1xn, nx1 closed forms', () => {
      assert.deepEqual([...solver.svdvals(Float64Array.of(-2), 1, 1)], [2])
      assertCloseToScale(solver.svdvals(Float64Array.of(3, 4), 1, 2), [5], 1e-15, '1x2')
      assertCloseToScale(solver.svdvals(Float32Array.of(3, 4), 2, 1), [5], 1e-15, '2x1 float32')
    })

    // 170x133: four 32-wide panels plus a remainder, and a 128-row tile edge in the trailing update
    for (const [rows, cols] of [
      [40, 25],
      [25, 40],
      [170, 133],
      [133, 170],
    ]) {
      it(`U diag(s) Vᵀ with known s (${rows}x${cols}), float64 and float32 input`, () => {
        const k = Math.min(rows, cols)
        const rnd = lcg(3)
        const s = Array.from({length: k}, () => 0.5 + rnd()).sort((x, y) => y - x)
        const tall = withSingularValues(s, Math.max(rows, cols), k, 5)
        const a = rows >= cols ? tall : transpose(tall, cols, rows)
        assertCloseToScale(solver.svdvals(a, rows, cols), s, REL_TOL, 'known singular values')
        // float32 input: compare with the float64 values of the rounded matrix
        const a32 = Float32Array.from(a)
        assertCloseToScale(
          solver.svdvals(a32, rows, cols),
          solver.svdvals(Float64Array.from(a32), rows, cols),
          REL_TOL,
          'float32',
        )
      })
    }

    for (const c of nonEmpty(
      reference.filter((r) => r.singularValues !== undefined),
      'linalg reference cases with singular values',
    )) {
      it(`matches numpy svd: ${c.name}`, () => {
        const copy = Float64Array.from(c.matrix)
        assertCloseToScale(solver.svdvals(c.matrix, c.rows, c.cols), c.singularValues!, REL_TOL, c.name)
        assert.deepEqual(c.matrix, copy, 'input unchanged')
      })
    }

    it('keeps σmin accurate at κ = 1e10 (never through the Gram)', () => {
      const c = reference.find((r) => r.kind === 'ill-conditioned')!
      const s = solver.svdvals(c.matrix, c.rows, c.cols)
      const exact = c.constructedSingularValues!
      const k = exact.length - 1
      const rel = Math.abs(s[k] - exact[k]) / exact[k]
      assert.ok(rel < SIGMA_MIN_TOL, `σmin relative error ${rel.toExponential(2)} vs constructed`)
      const relNumpy = Math.abs(s[k] - c.singularValues![k]) / c.singularValues![k]
      assert.ok(relNumpy < SIGMA_MIN_TOL, `σmin relative difference to numpy ${relNumpy.toExponential(2)}`)
      // the Gram route loses it: eigenvalue ~1e-20 is below ε·σmax² — shows the test can fail
      const g = solver.gram(c.matrix, c.rows, c.cols)
      const viaGram = Math.sqrt(Math.max(0, solver.eigvalsh(g, c.cols)[0]))
      assert.ok(Math.abs(viaGram - exact[k]) / exact[k] > 1e-3, 'Gram route should be inaccurate here')
    })

    it('rescales extreme magnitudes (1e-200 and 1e200) without underflow/overflow', () => {
      const s = [3, 2, 1]
      for (const scale of [1e-200, 1e200]) {
        const a = withSingularValues(
          s.map((x) => x * scale),
          5,
          3,
          9,
        )
        assertCloseToScale(
          solver.svdvals(a, 5, 3),
          s.map((x) => x * scale),
          1e-13,
          `scale ${scale}`,
        )
      }
    })
  })
}

function transpose(a: Float64Array, rows: number, cols: number): Float64Array {
  const t = new Float64Array(rows * cols)
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = a[i * cols + j]
  return t
}
