/**
 * LU with partial pivoting and its solves, on every solver (addon DGETRF/DGETRS and the TypeScript fallback):
 * residuals of M·x = b and Mᵀ·x = b at rounding level, pivoting on a zero diagonal, an exactly singular matrix
 * flagged by `info`, and the two implementations' solutions equal to 1e-12.
 */
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {lcg, solversUnderTest} from './reference-fixture.js'

/** max |M·x − b| / (‖M‖∞·‖x‖∞) with M the column-major reading of `a` (or its transpose). */
function relativeResidual(a: Float64Array, n: number, x: Float64Array, b: Float64Array, transpose: boolean): number {
  let worst = 0
  let normM = 0
  let normX = 0
  for (let i = 0; i < n; i++) {
    let s = 0
    let row = 0
    for (let j = 0; j < n; j++) {
      const m = transpose ? a[i * n + j] : a[j * n + i]
      s += m * x[j]
      row += Math.abs(m)
    }
    worst = Math.max(worst, Math.abs(s - b[i]))
    normM = Math.max(normM, row)
    normX = Math.max(normX, Math.abs(x[i]))
  }
  return worst / (normM * normX)
}

const n = 60
const rnd = lcg(11)
const a = Float64Array.from({length: n * n}, () => rnd())
const b = Float64Array.from({length: n * 3}, () => rnd())
const solutions = new Map<string, Float64Array>()

for (const solver of solversUnderTest().solvers) {
  describe(`LU [${solver.id}]`, () => {
    it('solves M·x = b and Mᵀ·x = b for three right-hand sides to rounding level', () => {
      const [aBefore, bBefore] = [a.slice(), b.slice()]
      const f = solver.luFactor(a, n)
      assert.equal(f.info, 0)
      for (const transpose of [false, true]) {
        const x = solver.luSolve(f, n, b, 3, transpose)
        for (let c = 0; c < 3; c++) {
          const r = relativeResidual(a, n, x.subarray(c * n), b.subarray(c * n), transpose)
          assert.ok(r < 1e-14, `column ${c}, transpose ${transpose}: ${r}`)
        }
        solutions.set(`${solver.id}:${transpose}`, x)
      }
      assert.deepEqual([a, b], [aBefore, bBefore], 'inputs untouched')
    })

    it('pivots past a zero diagonal and flags an exactly singular matrix', () => {
      const p = Float64Array.from([0, 1, 2, 1, 1, 0, 3, 0, 1]) // columns (0,1,2), (1,1,0), (3,0,1)
      const f = solver.luFactor(p, 3)
      assert.equal(f.info, 0)
      const rhs = Float64Array.from([1, 2, 3])
      assert.ok(relativeResidual(p, 3, solver.luSolve(f, 3, rhs, 1, false), rhs, false) < 1e-15)
      const singular = Float64Array.from([1, 2, 3, 2, 4, 6, 0, 1, 1]) // second column = 2 × first
      assert.ok(solver.luFactor(singular, 3).info > 0)
    })
  })
}

describe('LU: implementations agree', () => {
  it('the addon and the TypeScript solutions are equal to 1e-12 relative', (t) => {
    if (solversUnderTest().nativeMissing) return t.skip('LAPACK addon not built')
    for (const transpose of [false, true]) {
      const x = solutions.get(`lapack:${transpose}`)!
      const y = solutions.get(`typescript:${transpose}`)!
      const scale = Math.max(...y.map(Math.abs))
      for (let i = 0; i < x.length; i++) assert.ok(Math.abs(x[i] - y[i]) <= 1e-12 * scale, `${i}: ${x[i]} vs ${y[i]}`)
    }
  })
})
