/**
 * Post-processing of cuts shared by the quantile, tree, ChiMerge and xgb1 methods so that
 * `--min-bin-size`, `--max-bins` and `--monotonic` hold as hard constraints: small bins are
 * merged into the neighbour with the closer bad rate; surplus bins are removed by dropping
 * the cut whose removal loses the least IV; trend violations are merged pairwise
 * (pool-adjacent-violators on the bad rate). The optimal method solves these exactly instead.
 */
import {aggregateByCuts, cutsIv} from './bin-cuts.js'
import {respectsTrend, type MonotonicTrend} from './monotone-trend.js'

export interface CutConstraints {
  readonly minCount: number
  readonly maxBins: number
  readonly trend: MonotonicTrend
}

function rate(g: number, b: number): number {
  return g + b > 0 ? b / (g + b) : 0
}

export function mergeSmallBins(
  goods: ArrayLike<number>,
  bads: ArrayLike<number>,
  cuts: readonly number[],
  minCount: number,
): number[] {
  const result = [...cuts]
  for (;;) {
    const c = aggregateByCuts(goods, bads, result)
    const n = c.goods.map((g, i) => g + c.bads[i])
    let small = -1
    for (let i = 0; i < n.length; i++) if (n[i] < minCount && (small < 0 || n[i] < n[small])) small = i
    if (small < 0 || result.length === 0) return result
    const r = rate(c.goods[small], c.bads[small])
    const left = small > 0 ? Math.abs(rate(c.goods[small - 1], c.bads[small - 1]) - r) : Number.POSITIVE_INFINITY
    const right =
      small < n.length - 1 ? Math.abs(rate(c.goods[small + 1], c.bads[small + 1]) - r) : Number.POSITIVE_INFINITY
    result.splice(left <= right ? small - 1 : small, 1)
  }
}

export function mergeToMaxBins(
  goods: ArrayLike<number>,
  bads: ArrayLike<number>,
  cuts: readonly number[],
  maxBins: number,
): number[] {
  const result = [...cuts]
  while (result.length + 1 > maxBins && result.length > 0) {
    let drop = 0
    let bestIv = Number.NEGATIVE_INFINITY
    for (let i = 0; i < result.length; i++) {
      const iv = cutsIv(
        aggregateByCuts(
          goods,
          bads,
          result.filter((_, j) => j !== i),
        ),
      )
      if (iv > bestIv) [drop, bestIv] = [i, iv]
    }
    result.splice(drop, 1)
  }
  return result
}

export function mergeToTrend(
  goods: ArrayLike<number>,
  bads: ArrayLike<number>,
  cuts: readonly number[],
  trend: 'ascending' | 'descending',
): number[] {
  const result = [...cuts]
  for (;;) {
    const c = aggregateByCuts(goods, bads, result)
    let violation = -1
    for (let i = 0; i + 1 < c.goods.length && violation < 0; i++) {
      if (!respectsTrend(rate(c.goods[i], c.bads[i]), rate(c.goods[i + 1], c.bads[i + 1]), trend)) violation = i
    }
    if (violation < 0) return result
    result.splice(violation, 1)
  }
}

/** Applies min size, trend (auto = the better of both by IV) and max bins, in that order. */
export function enforceConstraints(
  goods: ArrayLike<number>,
  bads: ArrayLike<number>,
  cuts: readonly number[],
  c: CutConstraints,
): number[] {
  let result = mergeSmallBins(goods, bads, cuts, c.minCount)
  if (c.trend === 'ascending' || c.trend === 'descending') result = mergeToTrend(goods, bads, result, c.trend)
  if (c.trend === 'auto') {
    const asc = mergeToTrend(goods, bads, result, 'ascending')
    const desc = mergeToTrend(goods, bads, result, 'descending')
    result = cutsIv(aggregateByCuts(goods, bads, desc)) > cutsIv(aggregateByCuts(goods, bads, asc)) ? desc : asc
  }
  return mergeToMaxBins(goods, bads, result, c.maxBins)
}
