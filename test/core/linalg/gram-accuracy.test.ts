/**
 * The rule that decides when `spectral`'s float64 Gram eigenvalues are accurate enough for κ: closed-form
 * limits, and planted-spectrum matrices (W = H₁·diag(σ)·H₂ with Householder reflections, σ geometric from 1 to
 * 1/κ, so the true κ is known) whose Gram route (gram + eigvalsh, the solver `spectral` uses) must match the
 * planted κ to 1e-9 whenever the rule accepts it, while κ = 1e6 and 1e8 are rejected.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {GRAM_TOLERANCE, gramKappaLimit, gramSpectraAccurate} from '../../../src/core/linalg/gram-accuracy.js'
import {eigvalsh, gram} from '../../../src/core/linalg/index.js'
import {plantedSingular} from './reference-fixture.js'

const U = 2 ** -53

test('limit: κ² · u · √max(m, n) = tolerance (closed form)', () => {
  assert.ok(Math.abs(gramKappaLimit(4096, 4096) / Math.sqrt(1e-9 / (U * 64)) - 1) < 1e-15)
  assert.ok(Math.abs(gramKappaLimit(24, 16) / Math.sqrt(GRAM_TOLERANCE / (U * Math.sqrt(24))) - 1) < 1e-15)
  assert.equal(Math.round(gramKappaLimit(4096, 4096)), 375)
  assert.equal(Math.round(gramKappaLimit(11008, 4096)), 293)
})

test('accepts only when every matrix is under the limit; zero or missing σ is rejected', () => {
  const limit = gramKappaLimit(3, 2)
  assert.equal(gramSpectraAccurate(Float64Array.from([1, 1 / (0.99 * limit)]), 3, 2), true)
  assert.equal(gramSpectraAccurate(Float64Array.from([1, 1 / (1.01 * limit)]), 3, 2), false)
  assert.equal(gramSpectraAccurate(Float64Array.from([2, 1, 5, 1e-6]), 3, 2), false) // second matrix κ = 5e6
  assert.equal(gramSpectraAccurate(Float64Array.from([2, 1, 5, 4]), 3, 2), true)
  assert.equal(gramSpectraAccurate(Float64Array.from([1, 0]), 3, 2), false)
  assert.equal(gramSpectraAccurate(Float64Array.from([1, 0.5, 0.2]), 3, 2), false) // not a whole number of matrices
})

test('planted spectra: accepted Gram spectra meet κ to 1e-9; ill-conditioned ones are rejected', () => {
  const [rows, cols] = [24, 16]
  for (const kappa of [10, 100, 1000, 0.95 * gramKappaLimit(rows, cols), 1e6, 1e8]) {
    const sigma = Float64Array.from({length: cols}, (_, i) => kappa ** (-i / (cols - 1)))
    const w = plantedSingular(rows, cols, sigma, Math.round(Math.log(kappa) * 1000))
    const {g, n} = gram(w, rows, cols)
    const sv = Float64Array.from(eigvalsh(g, n), (l) => Math.sqrt(Math.max(0, l))).reverse()
    const accepted = gramSpectraAccurate(sv, rows, cols)
    assert.equal(accepted, kappa < gramKappaLimit(rows, cols), `κ = ${kappa}`)
    if (accepted) {
      for (let i = 0; i < cols; i++)
        assert.ok(Math.abs(sv[i] / sigma[i] - 1) < GRAM_TOLERANCE, `κ = ${kappa}, σ${i}: ${sv[i]} vs ${sigma[i]}`)
    }
  }
})
