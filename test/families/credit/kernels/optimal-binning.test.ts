import {test} from 'node:test'
import assert from 'node:assert/strict'
import {aggregateByCuts, cutsIv} from '../../../../src/families/credit/kernels/bin-cuts.js'
import {monotoneDp} from '../../../../src/families/credit/kernels/optimal-binning.js'

/** A seeded LCG so the small cases are fixed. */
function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32
}

/** Brute force over all 2^(n−1) cut subsets: the largest IV satisfying trend, max bins and min count. */
function bruteForce(
  goods: number[],
  bads: number[],
  trend: 'ascending' | 'descending' | 'none',
  maxBins: number,
  minCount: number,
): number {
  const n = goods.length
  let best = Number.NEGATIVE_INFINITY
  for (let mask = 0; mask < 2 ** (n - 1); mask++) {
    const cuts: number[] = []
    for (let i = 0; i < n - 1; i++) if (mask & (1 << i)) cuts.push(i + 1)
    if (cuts.length + 1 > maxBins) continue
    const c = aggregateByCuts(goods, bads, cuts)
    const sizes = c.goods.map((g, i) => g + c.bads[i])
    if (sizes.some((s) => s < minCount)) continue
    const rates = c.bads.map((b, i) => b / sizes[i])
    if (trend === 'ascending' && rates.some((r, i) => i > 0 && rates[i - 1] > r)) continue
    if (trend === 'descending' && rates.some((r, i) => i > 0 && rates[i - 1] < r)) continue
    best = Math.max(best, cutsIv(c))
  }
  return best
}

test('the monotone DP equals brute force on 60 random small cases', () => {
  const next = rng(12345)
  for (let trial = 0; trial < 60; trial++) {
    const n = 3 + Math.floor(next() * 8)
    const goods = Array.from({length: n}, () => 1 + Math.floor(next() * 40))
    const bads = Array.from({length: n}, () => 1 + Math.floor(next() * 20))
    const trend = (['ascending', 'descending', 'none'] as const)[trial % 3]
    const maxBins = 2 + Math.floor(next() * n)
    const minCount = Math.floor(next() * 30)
    const dp = monotoneDp(goods, bads, trend, maxBins, minCount)
    const brute = bruteForce(goods, bads, trend, maxBins, minCount)
    if (brute === Number.NEGATIVE_INFINITY) {
      assert.equal(dp.feasible, false, `case ${trial}`)
      continue
    }
    assert.ok(
      Math.abs(dp.iv - brute) < 1e-12,
      `case ${trial} (${trend}, ≤${maxBins} bins, ≥${minCount}): dp ${dp.iv} vs brute ${brute}`,
    )
    // the returned cuts realise the reported IV
    assert.ok(Math.abs(cutsIv(aggregateByCuts(goods, bads, dp.cuts)) - dp.iv) < 1e-12)
  }
})
