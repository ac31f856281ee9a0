/**
 * Fits one feature's binning from its column profile with the chosen method and returns
 * the binning (serialisable) together with the class counts of every bin.
 *  - quantile: unique type-7 quantile edges, right-closed; categoricals one bin per level
 *    sorted by string (the reference setting, spec §2.11);
 *  - tree, chimerge, optimal: on sorted distinct values (numeric, left-closed edges at
 *    midpoints) or on levels ordered by bad rate then name (categorical groups);
 *  - xgb1: thresholds supplied by ./xgb1-stumps.ts (left-closed), categoricals per level.
 * Missing values and each special value observed get their own bins after the regular ones.
 */
import {truncateLabel} from './display-label.js'
import {aggregateByCuts} from './bin-cuts.js'
import {enforceConstraints} from './bin-constraints.js'
import {chiMergeCuts} from './chimerge-binning.js'
import type {ColumnProfile} from './column-profile.js'
import {rangeIndex, rangeLabels, type FeatureBinning} from './feature-binning.js'
import type {MonotonicTrend} from './monotone-trend.js'
import {optimalCuts} from './optimal-binning.js'
import {quantileEdges} from './quantile-binning.js'
import {treeCuts} from './tree-binning.js'

export type BinningMethod = 'quantile' | 'tree' | 'chimerge' | 'optimal' | 'xgb1'

export interface BinningOptions {
  readonly method: BinningMethod
  readonly maxBins: number
  /** Minimum bin size as a fraction of the rows (0 = none). */
  readonly minBinSize: number
  readonly monotonic: MonotonicTrend
  /** ChiMerge significance level. */
  readonly chiAlpha: number
  /** xgb1 thresholds of this feature (left-closed), when method = xgb1. */
  readonly thresholds?: readonly number[]
}

export interface FittedBinning {
  readonly binning: FeatureBinning
  readonly goods: Float64Array
  readonly bads: Float64Array
  /** Notes such as an infeasible monotone constraint. */
  readonly notes: readonly string[]
}

interface Sequence {
  readonly goods: Float64Array
  readonly bads: Float64Array
}

function supervisedCuts(s: Sequence, o: BinningOptions, minCount: number, notes: string[]): number[] {
  const constraints = {minCount, maxBins: o.maxBins, trend: o.monotonic}
  if (o.method === 'optimal') {
    const r = optimalCuts(s.goods, s.bads, {
      maxBins: o.maxBins,
      minCount,
      trend: o.monotonic,
      maxPrebins: 20,
      minPrebinCount: 0.05 * total(s),
    })
    if (!r.feasible) notes.push('optimal: no binning satisfies the constraints; single bin')
    if (o.monotonic === 'auto') notes.push(`trend: ${r.trend}`)
    return r.cuts
  }
  const raw =
    o.method === 'tree'
      ? treeCuts(s.goods, s.bads, {maxLeaves: o.maxBins, minLeafCount: Math.max(1, minCount)})
      : chiMergeCuts(s.goods, s.bads, {maxBins: o.maxBins, alpha: o.chiAlpha, initialBins: 50})
  return enforceConstraints(s.goods, s.bads, raw, constraints)
}

function total(s: Sequence): number {
  let n = 0
  for (let i = 0; i < s.goods.length; i++) n += s.goods[i] + s.bads[i]
  return n
}

function needsConstraints(o: BinningOptions, minCount: number, bins: number): boolean {
  return minCount > 0 || o.monotonic !== 'none' || bins > o.maxBins
}

function numericRegular(p: ColumnProfile, o: BinningOptions, minCount: number, notes: string[]) {
  const values = p.values as readonly number[]
  const counts = p.goods.map((g, i) => g + p.bads[i])
  let edges: number[]
  let closed: 'right' | 'left'
  if (o.method === 'quantile' || o.method === 'xgb1') {
    edges = o.method === 'quantile' ? quantileEdges(values, counts, o.maxBins) : [...(o.thresholds ?? [])]
    closed = o.method === 'quantile' ? 'right' : 'left'
    if (o.method === 'quantile' && needsConstraints(o, minCount, edges.length + 1)) {
      const cutOf = edges.map((e) => rangeIndex(values, 'left', e))
      const kept = new Set(
        enforceConstraints(p.goods, p.bads, cutOf, {minCount, maxBins: o.maxBins, trend: o.monotonic}),
      )
      edges = edges.filter((_, i) => kept.has(cutOf[i]))
    }
  } else {
    const cuts = supervisedCuts(p, o, minCount, notes)
    edges = cuts.map((c) => (values[c - 1] + values[c]) / 2)
    closed = 'left'
  }
  const goods = new Float64Array(edges.length + 1)
  const bads = new Float64Array(edges.length + 1)
  values.forEach((v, i) => {
    const bin = rangeIndex(edges, closed, v)
    goods[bin] += p.goods[i]
    bads[bin] += p.bads[i]
  })
  return {regular: {type: 'numeric' as const, closed, edges}, labels: rangeLabels(edges, closed), goods, bads}
}

function categoricalRegular(p: ColumnProfile, o: BinningOptions, minCount: number, notes: string[]) {
  const levels = p.values as readonly string[]
  const perLevel = o.method === 'quantile' || o.method === 'xgb1'
  if (perLevel && !needsConstraints(o, minCount, levels.length)) {
    return {
      regular: {type: 'categorical' as const, groups: levels.map((l) => [l])},
      labels: levels.map(truncateLabel),
      goods: Float64Array.from(p.goods),
      bads: Float64Array.from(p.bads),
    }
  }
  const rate = (i: number) => p.bads[i] / (p.goods[i] + p.bads[i])
  const order = levels.map((_, i) => i).sort((a, b) => rate(a) - rate(b) || (levels[a] < levels[b] ? -1 : 1))
  const s = {goods: Float64Array.from(order, (i) => p.goods[i]), bads: Float64Array.from(order, (i) => p.bads[i])}
  const trend = o.monotonic === 'none' ? 'none' : 'ascending'
  const cuts = perLevel
    ? enforceConstraints(s.goods, s.bads, [...order.keys()].slice(1), {minCount, maxBins: o.maxBins, trend})
    : supervisedCuts(s, {...o, monotonic: trend}, minCount, notes)
  const bounds = [0, ...cuts, order.length]
  const groups = bounds.slice(1).map((end, j) =>
    order
      .slice(bounds[j], end)
      .map((i) => levels[i])
      .sort(),
  )
  const c = aggregateByCuts(s.goods, s.bads, cuts)
  return {
    regular: {type: 'categorical' as const, groups},
    labels: groups.map((g) => g.map(truncateLabel).join(' | ')),
    goods: c.goods,
    bads: c.bads,
  }
}

export function fitBinning(p: ColumnProfile, o: BinningOptions): FittedBinning {
  const notes: string[] = []
  let rows = p.missing[0] + p.missing[1]
  for (let i = 0; i < p.goods.length; i++) rows += p.goods[i] + p.bads[i]
  for (const c of p.special.values()) rows += c[0] + c[1]
  const minCount = o.minBinSize * rows
  const r = p.type === 'numeric' ? numericRegular(p, o, minCount, notes) : categoricalRegular(p, o, minCount, notes)
  const hasMissing = p.missing[0] + p.missing[1] > 0
  const special = [...p.special.keys()]
  const extraGoods = [...(hasMissing ? [p.missing[0]] : []), ...special.map((s) => p.special.get(s)![0])]
  const extraBads = [...(hasMissing ? [p.missing[1]] : []), ...special.map((s) => p.special.get(s)![1])]
  const labels = [...r.labels, ...(hasMissing ? ['Missing'] : []), ...special.map((s) => `Special ${s}`)]
  const binning: FeatureBinning = {
    feature: p.name,
    method: o.method,
    missing: hasMissing,
    special,
    labels,
    ...r.regular,
  }
  return {
    binning,
    goods: Float64Array.from([...r.goods, ...extraGoods]),
    bads: Float64Array.from([...r.bads, ...extraBads]),
    notes,
  }
}
