/**
 * Post-processing of cuts shared by the quantile, tree, ChiMerge and xgb1 methods so that
 * `--min-bin-size`, `--max-bins` and `--monotonic` hold as hard constraints: small bins are
 * merged into the neighbour with the closer bad rate; surplus bins are removed by dropping
 * the cut whose removal loses the least IV; trend violations are merged pairwise
 * (pool-adjacent-violators on the bad rate). The optimal method solves these exactly instead.
 */
import {aggregateByCuts, cutsIv, groupIv} from './bin-cuts.js'
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

/**
 * Drops cuts until at most maxBins bins remain, each time the cut whose removal keeps the most IV (the first such
 * cut on ties). Removing the cut between bins i and j merges them and changes the IV by
 * iv(i ∪ j) − iv(i) − iv(j); only the gains of the two neighbouring cuts change, so a max-heap of gains (stale
 * entries skipped) makes the whole reduction O(bins · log bins) instead of re-aggregating every element for every
 * candidate (O(bins² · elements): minutes for a 3,000-level categorical). Gains are the same numbers either way.
 */
export function mergeToMaxBins(
  goods: ArrayLike<number>,
  bads: ArrayLike<number>,
  cuts: readonly number[],
  maxBins: number,
): number[] {
  if (cuts.length + 1 <= maxBins) return [...cuts]
  const c = aggregateByCuts(goods, bads, cuts)
  const bins = new MergeableBins(c.goods, c.bads)
  const dropped = new Uint8Array(cuts.length)
  for (let kept = cuts.length; kept + 1 > maxBins && kept > 0; kept--) dropped[bins.mergeBest() - 1] = 1
  return cuts.filter((_, k) => dropped[k] === 0)
}

/** Adjacent bins as a linked list with the IV gain of merging each neighbouring pair in a max-heap. */
class MergeableBins {
  private readonly g: Float64Array
  private readonly b: Float64Array
  private readonly next: Int32Array
  private readonly prev: Int32Array
  /** Bumped whenever bin i's right-hand pair changes: heap entries carrying an older version are stale. */
  private readonly version: Uint32Array
  private readonly heap = new GainHeap()
  private readonly totals: [number, number]

  constructor(goods: Float64Array, bads: Float64Array) {
    const n = goods.length
    this.g = Float64Array.from(goods)
    this.b = Float64Array.from(bads)
    this.next = Int32Array.from({length: n}, (_, i) => i + 1)
    this.prev = Int32Array.from({length: n}, (_, i) => i - 1)
    this.version = new Uint32Array(n)
    this.totals = [goods.reduce((s, v) => s + v, 0), bads.reduce((s, v) => s + v, 0)]
    for (let i = 0; i + 1 < n; i++) this.push(i)
  }

  /** Merges the best pair; returns the original index of the right bin (the dropped cut is that index − 1). */
  mergeBest(): number {
    for (;;) {
      const top = this.heap.pop()!
      if (top.version !== this.version[top.left]) continue
      const i = top.left
      const j = this.next[i]
      this.g[i] += this.g[j]
      this.b[i] += this.b[j]
      this.next[i] = this.next[j]
      if (this.next[j] < this.g.length) this.prev[this.next[j]] = i
      this.version[i]++
      this.version[j]++ // j is gone: its own pair's entries are stale too
      if (this.next[i] < this.g.length) this.push(i)
      if (this.prev[i] >= 0) {
        this.version[this.prev[i]]++
        this.push(this.prev[i])
      }
      return j
    }
  }

  private iv(g: number, b: number): number {
    return groupIv(g, b, this.totals[0], this.totals[1])
  }

  private push(i: number): void {
    const j = this.next[i]
    const gain =
      this.iv(this.g[i] + this.g[j], this.b[i] + this.b[j]) -
      this.iv(this.g[i], this.b[i]) -
      this.iv(this.g[j], this.b[j])
    this.heap.push({gain, left: i, version: this.version[i]})
  }
}

interface GainEntry {
  readonly gain: number
  /** Original index of the left bin: its order is the cuts' order, so the smaller one is the "first" cut. */
  readonly left: number
  readonly version: number
}

/** A binary max-heap by gain, then by the leftmost cut. */
class GainHeap {
  private readonly items: GainEntry[] = []

  private static before(a: GainEntry, b: GainEntry): boolean {
    return a.gain > b.gain || (a.gain === b.gain && a.left < b.left)
  }

  push(e: GainEntry): void {
    const h = this.items
    h.push(e)
    for (let k = h.length - 1; k > 0;) {
      const parent = (k - 1) >> 1
      if (!GainHeap.before(h[k], h[parent])) break
      ;[h[k], h[parent]] = [h[parent], h[k]]
      k = parent
    }
  }

  pop(): GainEntry | undefined {
    const h = this.items
    const top = h[0]
    const last = h.pop()
    if (h.length > 0 && last) {
      h[0] = last
      for (let k = 0; ;) {
        const l = 2 * k + 1
        const r = l + 1
        let best = k
        if (l < h.length && GainHeap.before(h[l], h[best])) best = l
        if (r < h.length && GainHeap.before(h[r], h[best])) best = r
        if (best === k) break
        ;[h[k], h[best]] = [h[best], h[k]]
        k = best
      }
    }
    return top
  }
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
