/**
 * mergeToMaxBins (issue 18: categorical binning must be near-linear in levels) against the plain definition it
 * replaced: drop, one at a time, the cut whose removal leaves the largest IV, the first such cut on ties.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {mergeToMaxBins} from '../../../../src/families/credit/kernels/bin-constraints.js'
import {aggregateByCuts, cutsIv} from '../../../../src/families/credit/kernels/bin-cuts.js'

function byDefinition(goods: number[], bads: number[], cuts: number[], maxBins: number): number[] {
  const result = [...cuts]
  while (result.length + 1 > maxBins && result.length > 0) {
    let drop = 0
    let best = Number.NEGATIVE_INFINITY
    for (let i = 0; i < result.length; i++) {
      const iv = cutsIv(
        aggregateByCuts(
          goods,
          bads,
          result.filter((_, j) => j !== i),
        ),
      )
      if (iv > best) [drop, best] = [i, iv]
    }
    result.splice(drop, 1)
  }
  return result
}

test('equals the definition on 1,500 random cases without mathematical ties', () => {
  let seed = 7
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647
  let compared = 0
  for (let t = 0; t < 1500; t++) {
    const n = 2 + Math.floor(rnd() * 40)
    const goods = Array.from({length: n}, () => 1 + Math.floor(rnd() * 1000))
    const bads = Array.from({length: n}, () => 1 + Math.floor(rnd() * 400))
    const cuts = Array.from({length: n - 1}, (_, i) => i + 1).filter(() => rnd() < 0.8)
    const maxBins = 1 + Math.floor(rnd() * 12)
    assert.deepEqual(mergeToMaxBins(goods, bads, cuts, maxBins), byDefinition(goods, bads, cuts, maxBins))
    compared++
  }
  assert.equal(compared, 1500)
})

test('with tied candidates (empty and pure bins) it still returns maxBins − 1 of the given cuts, in order', () => {
  // Tied gains are broken by position here and by the rounding of full IV sums in the definition, so the two
  // may take different (equally greedy) paths; the contract is the shape of the answer.
  let seed = 11
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647
  for (let t = 0; t < 300; t++) {
    const n = 2 + Math.floor(rnd() * 40)
    const goods = Array.from({length: n}, () => Math.floor(rnd() * 3))
    const bads = Array.from({length: n}, () => Math.floor(rnd() * 2))
    const cuts = Array.from({length: n - 1}, (_, i) => i + 1)
    const maxBins = 1 + Math.floor(rnd() * 12)
    const kept = mergeToMaxBins(goods, bads, cuts, maxBins)
    assert.equal(kept.length, Math.min(cuts.length, maxBins - 1))
    assert.ok(kept.every((c, k) => cuts.includes(c) && (k === 0 || c > kept[k - 1])))
  }
})

test('20,000 one-level bins reduce to 10 without touching the elements per candidate', () => {
  const n = 20_000
  const goods = Array.from({length: n}, (_, i) => 1 + (i % 7))
  const bads = Array.from({length: n}, (_, i) => 1 + (i % 3))
  const cuts = mergeToMaxBins(
    goods,
    bads,
    Array.from({length: n - 1}, (_, i) => i + 1),
    10,
  )
  assert.equal(cuts.length, 9)
  assert.ok(cuts.every((c, k) => k === 0 || c > cuts[k - 1]))
})
