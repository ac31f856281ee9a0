/**
 * The Gram-resolution check and the pool's eigvalsGramResolved: a full-rank, well-conditioned matrix keeps its
 * Gram spectrum (bit-identical to eigvalsGram), a rank-deficient one gets σ² from the SVD, on every solver.
 */
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {GRAM_RELATIVE_ACCURACY, gramResolvesSpectrum} from '../../../src/core/linalg/gram-resolution.js'
import {createLinalgPool} from '../../../src/core/linalg/pool.js'
import {lcg, solversUnderTest} from './reference-fixture.js'

describe('gramResolvesSpectrum', () => {
  it('accepts a spectrum whose smallest value is resolved, rejects one below n·ε·λmax / accuracy', () => {
    const n = 100
    const cut = (n * Number.EPSILON) / GRAM_RELATIVE_ACCURACY
    assert.equal(gramResolvesSpectrum([cut * 1.01, 0.5, 1], n), true)
    assert.equal(gramResolvesSpectrum([cut * 0.99, 0.5, 1], n), false)
    assert.equal(gramResolvesSpectrum([0, 1], n), false)
    assert.equal(gramResolvesSpectrum([0, 0, 0], n), true, 'the zero matrix is exact')
  })
})

/** rows×cols of rank `rank`: a product of two random factors (rows×rank)(rank×cols). */
function lowRank(rows: number, cols: number, rank: number, seed: number): Float64Array {
  const rnd = lcg(seed)
  const a = Float64Array.from({length: rows * rank}, () => rnd() - 0.5)
  const b = Float64Array.from({length: rank * cols}, () => rnd() - 0.5)
  const w = new Float64Array(rows * cols)
  for (let i = 0; i < rows; i++)
    for (let k = 0; k < rank; k++) for (let j = 0; j < cols; j++) w[i * cols + j] += a[i * rank + k] * b[k * cols + j]
  return w
}

for (const solver of solversUnderTest().solvers) {
  describe(`eigvalsGramResolved [${solver.id}]`, () => {
    it('keeps the Gram spectrum of a well-conditioned matrix and re-solves a rank-deficient one by SVD', async () => {
      const pool = createLinalgPool({threads: 2, solver: solver.id})
      try {
        const rnd = lcg(5)
        const full = Float64Array.from({length: 80 * 40}, () => rnd() - 0.5)
        const same = await pool.eigvalsGramResolved(full.slice(), 80, 40)
        assert.deepEqual(same, await pool.eigvalsGram(full.slice(), 80, 40))

        const w = lowRank(80, 40, 25, 9)
        const gram = await pool.eigvalsGram(w.slice(), 80, 40)
        const resolved = await pool.eigvalsGramResolved(w.slice(), 80, 40, {transfer: true, name: 'low'})
        const sv = await pool.svdvals(w.slice(), 80, 40)
        const squared = Array.from(sv, (s) => s * s).reverse()
        assert.deepEqual(Array.from(resolved), squared, 'σ² ascending from the SVD')
        assert.equal(gramResolvesSpectrum(gram, 40), false)
        // the 15 zero singular values: the SVD puts them near n·ε·σmax, the Gram only near √(n·ε)·σmax
        assert.ok(Math.sqrt(resolved[0]) < 1e-12 * Math.sqrt(resolved[39]))
      } finally {
        await pool.close()
      }
    })
  })
}
