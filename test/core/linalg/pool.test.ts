import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {chooseEigensolver} from '../../../src/core/linalg/eigensolver-registry.js'
import {createLinalgPool} from '../../../src/core/linalg/pool.js'
import {lcg, solversUnderTest} from './reference-fixture.js'

const shapes: [number, number][] = [
  [90, 60],
  [60, 90],
  [75, 75],
  [40, 120],
  [120, 40],
  [64, 64],
]
const inputs = shapes.map(([r, c], i) => {
  const rnd = lcg(100 + i)
  return {rows: r, cols: c, w: Float32Array.from({length: r * c}, () => rnd())}
})

for (const solver of solversUnderTest().solvers) {
  describe(`linalg pool [${solver.id}]`, () => {
    it('concurrent results on workers are bit-identical to sequential in-thread results', async () => {
      const pool = createLinalgPool({threads: 3, solver: solver.id})
      const local = createLinalgPool({inThread: true, solver: solver.id})
      try {
        const [eig, sv] = await Promise.all([
          Promise.all(inputs.map((x, i) => pool.eigvalsGram(x.w, x.rows, x.cols, `t${i}`))),
          Promise.all(inputs.map((x) => pool.svdvals(x.w, x.rows, x.cols))),
        ])
        assert.equal(pool.mode, 'workers')
        assert.equal(local.mode, 'in-thread')
        const s = chooseEigensolver(solver.id)
        for (const [i, x] of inputs.entries()) {
          const n = Math.min(x.rows, x.cols)
          const seq = s.eigvalsh(s.gram(x.w, x.rows, x.cols), n)
          assert.deepEqual(eig[i], seq, `eigvalsGram ${i}`)
          assert.deepEqual(await local.eigvalsGram(x.w, x.rows, x.cols), seq, `in-thread ${i}`)
          assert.deepEqual(sv[i], s.svdvals(x.w, x.rows, x.cols), `svdvals ${i}`)
          assert.ok(eig[i][0] <= eig[i][n - 1], 'ascending')
          assert.ok(sv[i][0] >= sv[i][n - 1], 'descending')
        }
      } finally {
        await Promise.all([pool.close(), local.close()])
      }
    })

    it('transfer: true moves the input buffer instead of copying it', async () => {
      const pool = createLinalgPool({threads: 1, solver: solver.id})
      try {
        const w = Float64Array.from(inputs[0].w)
        const expected = chooseEigensolver(solver.id).svdvals(w, inputs[0].rows, inputs[0].cols)
        const got = await pool.svdvals(w, inputs[0].rows, inputs[0].cols, {transfer: true})
        assert.equal(w.length, 0, 'detached')
        assert.deepEqual(got, expected)
      } finally {
        await pool.close()
      }
    })
  })
}
