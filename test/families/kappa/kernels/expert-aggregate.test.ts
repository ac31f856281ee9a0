import {test} from 'node:test'
import assert from 'node:assert/strict'
import {aggregateExperts} from '../../../../src/families/kappa/kernels/expert-aggregate.js'

test('a fused expert parameter scores the mean per-expert kappa (PEFT) with min/median/max beside it', () => {
  // expert kappas 2, 8, 4, 10 -> mean 6, median (4+8)/2 = 6, min 2, max 10
  const spectra = [
    [2, 1],
    [8, 1],
    [4, 2, 1],
    [10, 5, 1],
  ].map((s) => (s.length === 2 ? [s[0], 1.5, s[1]] : s))
  const r = aggregateExperts(spectra, 3, 5, 1e-8)
  assert.equal(r.metrics.kappa, 6)
  assert.equal(r.expert_kappa_median, 6)
  assert.equal(r.expert_kappa_min, 2)
  assert.equal(r.expert_kappa_max, 10)
  assert.equal(r.metrics.sigma_max, 10)
  assert.equal(r.metrics.sigma_min, 1)
  assert.ok(Math.abs(r.metrics.log10_kappa - Math.log10(6)) < 1e-15)
  const f2 = [4 + 2.25 + 1, 64 + 2.25 + 1, 16 + 4 + 1, 100 + 25 + 1].reduce((a, b) => a + b)
  assert.ok(Math.abs(r.metrics.fro_norm - Math.sqrt(f2)) < 1e-12)
  const meanPeft = (2 / (1 + 1e-8) + 8 / (1 + 1e-8) + 4 / (1 + 1e-8) + 10 / (1 + 1e-8)) / 4
  assert.ok(Math.abs(r.metrics.kappa_peft - meanPeft) < 1e-12)
})

test('an odd number of experts takes the middle kappa as median; one infinite expert makes the mean infinite', () => {
  const r = aggregateExperts(
    [
      [3, 1],
      [9, 1],
      [5, 1],
    ],
    2,
    4,
    1e-8,
  )
  assert.equal(r.expert_kappa_median, 5)
  const s = aggregateExperts(
    [
      [3, 1],
      [9, 0],
    ],
    2,
    4,
    1e-8,
  )
  assert.equal(s.metrics.kappa, Number.POSITIVE_INFINITY)
  assert.equal(s.expert_kappa_max, Number.POSITIVE_INFINITY)
})
