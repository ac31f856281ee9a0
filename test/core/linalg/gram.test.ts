import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {assertCloseToScale, lcg, solversUnderTest} from './reference-fixture.js'

const {solvers} = solversUnderTest()

/** Naive triple loop, the independent reference. */
function naiveGram(a: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const n = Math.min(rows, cols)
  const g = new Float64Array(n * n)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0
      if (cols <= rows) for (let r = 0; r < rows; r++) s += a[r * cols + i] * a[r * cols + j]
      else for (let k = 0; k < cols; k++) s += a[i * cols + k] * a[j * cols + k]
      g[i * n + j] = s
    }
  }
  return g
}

for (const solver of solvers) {
  describe(`gram [${solver.id}]`, () => {
    // odd sizes exercise the ragged 3x4 blocks; 130 crosses a 128-row tile, 300 a 256-long summation chunk
    for (const [rows, cols] of [
      [1, 1],
      [7, 3],
      [3, 7],
      [130, 97],
      [97, 130],
      [33, 33],
      [300, 131],
      [131, 300],
    ]) {
      for (const kind of ['float64', 'float32'] as const) {
        it(`${rows}x${cols} ${kind} matches the naive product, full symmetric`, () => {
          const rnd = lcg(rows * 1000 + cols)
          const a64 = Float64Array.from({length: rows * cols}, () => rnd())
          const a = kind === 'float64' ? a64 : Float32Array.from(a64)
          const g = solver.gram(a, rows, cols)
          assertCloseToScale(g, naiveGram(a, rows, cols), 1e-14, 'gram')
          const n = Math.min(rows, cols)
          for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) assert.equal(g[i * n + j], g[j * n + i])
        })
      }
    }

    // `out`: the same numbers written into the caller's buffer (one kept across many small Grams), a
    // longer buffer's tail untouched; a short or overlapping buffer is refused, as the addon refuses it
    it('writes into `out` when given: the same bits, `out` returned, a short or overlapping buffer refused', () => {
      for (const [rows, cols] of [
        [60, 128],
        [130, 97],
        [7, 3],
      ]) {
        const rnd = lcg(rows + cols)
        const a = Float64Array.from({length: rows * cols}, () => rnd() - 0.5)
        const n = Math.min(rows, cols)
        const out = new Float64Array(n * n + 3).fill(7)
        assert.equal(solver.gram(a, rows, cols, out), out)
        assert.deepEqual(out.subarray(0, n * n), solver.gram(a, rows, cols))
        assert.deepEqual(Array.from(out.subarray(n * n)), [7, 7, 7])
        assert.throws(() => solver.gram(a, rows, cols, new Float64Array(n * n - 1)), RangeError)
      }
      const shared = new Float64Array(60 * 128 + 60 * 60)
      const a = shared.subarray(0, 60 * 128).fill(0.25)
      assert.throws(() => solver.gram(a, 60, 128, shared.subarray(60 * 127, 60 * 127 + 3600)), /overlaps/)
      const apart = shared.subarray(60 * 128)
      assert.equal(solver.gram(a, 60, 128, apart), apart)
      assert.equal(apart[0], 0.25 * 0.25 * 128)
    })
  })
}
