/**
 * optbinning-style optimal binning without a CP/MIP solver: CART prebins (max 20 leaves,
 * 5 % minimum) refined so no prebin is pure, then an exact dynamic programme over prebin
 * boundaries that maximises IV (additive over bins) subject to a monotone bad-rate trend,
 * at most `maxBins` bins and at least `minCount` rows per bin (spec credit.md §2.9).
 * O(n³·M) for n prebins and M bins. Ref: G. Navas-Palencia, arXiv:2001.08025.
 */
import {aggregateByCuts, groupIv, refinePureBins} from './bin-cuts.js'
import {respectsTrend, type MonotonicTrend} from './monotone-trend.js'
import {treeCuts} from './tree-binning.js'

export interface OptimalOptions {
  readonly maxBins: number
  readonly minCount: number
  readonly trend: MonotonicTrend
  readonly maxPrebins: number
  readonly minPrebinCount: number
}

export interface DpResult {
  /** Cuts over the prebins (a cut c separates prebin c−1 and c). */
  readonly cuts: number[]
  readonly iv: number
  readonly feasible: boolean
}

/** Exact DP over n prebins; `trend` none = unconstrained merge under the size limits. */
export function monotoneDp(
  goods: ArrayLike<number>,
  bads: ArrayLike<number>,
  trend: 'ascending' | 'descending' | 'none',
  maxBins: number,
  minCount: number,
): DpResult {
  const n = goods.length
  const cg = new Float64Array(n + 1)
  const cb = new Float64Array(n + 1)
  for (let i = 0; i < n; i++) {
    cg[i + 1] = cg[i] + goods[i]
    cb[i + 1] = cb[i] + bads[i]
  }
  const G = cg[n]
  const B = cb[n]
  const M = Math.min(maxBins, n)
  const at = (m: number, a: number, b: number) => (m * n + a) * n + b
  const best = new Float64Array((M + 1) * n * n).fill(Number.NEGATIVE_INFINITY)
  const prev = new Int32Array((M + 1) * n * n).fill(-1)
  const gg = (a: number, b: number) => cg[b + 1] - cg[a]
  const gb = (a: number, b: number) => cb[b + 1] - cb[a]
  const rate = (a: number, b: number) => gb(a, b) / (gg(a, b) + gb(a, b))
  for (let b = 0; b < n; b++) {
    for (let a = 0; a <= b; a++) {
      if (gg(a, b) + gb(a, b) < minCount) continue
      const value = groupIv(gg(a, b), gb(a, b), G, B)
      if (a === 0) {
        best[at(1, a, b)] = value
        continue
      }
      for (let m = 2; m <= M; m++) {
        let pick = -1
        let pickValue = Number.NEGATIVE_INFINITY
        for (let a2 = 0; a2 < a; a2++) {
          const v = best[at(m - 1, a2, a - 1)]
          if (v === Number.NEGATIVE_INFINITY || v <= pickValue) continue
          if (trend !== 'none' && !respectsTrend(rate(a2, a - 1), rate(a, b), trend)) continue
          pick = a2
          pickValue = v
        }
        if (pick >= 0) {
          best[at(m, a, b)] = value + pickValue
          prev[at(m, a, b)] = pick
        }
      }
    }
  }
  let end = {m: -1, a: -1, v: Number.NEGATIVE_INFINITY}
  for (let m = 1; m <= M; m++)
    for (let a = 0; a < n; a++) if (best[at(m, a, n - 1)] > end.v + 1e-15) end = {m, a, v: best[at(m, a, n - 1)]}
  if (end.m < 0) return {cuts: [], iv: groupIv(G, B, G, B), feasible: false}
  const cuts: number[] = []
  for (let {m, a} = end, b = n - 1; m > 1; m--) {
    cuts.unshift(a)
    const a2 = prev[at(m, a, b)]
    b = a - 1
    a = a2
  }
  return {cuts, iv: end.v, feasible: true}
}

/** Optimal cuts over the elements (distinct values / ordered categories). */
export function optimalCuts(
  goods: ArrayLike<number>,
  bads: ArrayLike<number>,
  o: OptimalOptions,
): {cuts: number[]; feasible: boolean; trend: string} {
  const pre = refinePureBins(
    goods,
    bads,
    treeCuts(goods, bads, {maxLeaves: o.maxPrebins, minLeafCount: o.minPrebinCount}),
  )
  const c = aggregateByCuts(goods, bads, pre)
  const run = (t: 'ascending' | 'descending' | 'none') => ({
    t,
    r: monotoneDp(c.goods, c.bads, t, o.maxBins, o.minCount),
  })
  const candidates = o.trend === 'auto' ? [run('ascending'), run('descending')] : [run(o.trend)]
  const chosen = candidates.reduce((x, y) => (y.r.feasible && (!x.r.feasible || y.r.iv > x.r.iv + 1e-12) ? y : x))
  return {cuts: chosen.r.cuts.map((k) => pre[k - 1]), feasible: chosen.r.feasible, trend: chosen.t}
}
