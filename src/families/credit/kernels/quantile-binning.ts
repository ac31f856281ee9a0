/**
 * Quantile edges from weighted distinct values, numpy's default "linear" (Hyndman–Fan type 7)
 * rule: h = (n−1)·q, linear interpolation between the order statistics floor(h) and
 * floor(h)+1, with numpy's two-sided lerp so edges match numpy bit for bit.
 * Edges are the unique quantiles at q = 1/m, …, (m−1)/m; bins are right-closed
 * (spec credit.md §2.11). Ref: Hyndman & Fan, Am. Stat. 50 (1996) 361, doi:10.2307/2684934.
 */

/** The order statistic of 0-based rank r among values weighted by counts (values sorted ascending). */
function orderStatistic(values: readonly number[], counts: ArrayLike<number>, r: number): number {
  let cumulative = 0
  for (let i = 0; i < values.length; i++) {
    cumulative += counts[i]
    if (r < cumulative) return values[i]
  }
  return values[values.length - 1]
}

/** numpy's _lerp: a + (b−a)·t for t < 0.5, b − (b−a)·(1−t) otherwise. */
export function lerp(a: number, b: number, t: number): number {
  const d = b - a
  return t >= 0.5 ? b - d * (1 - t) : a + d * t
}

export function weightedQuantile(values: readonly number[], counts: ArrayLike<number>, q: number): number {
  let n = 0
  for (let i = 0; i < counts.length; i++) n += counts[i]
  if (n === 0) return Number.NaN
  const h = (n - 1) * q
  const lo = Math.floor(h)
  const a = orderStatistic(values, counts, lo)
  const b = orderStatistic(values, counts, Math.min(lo + 1, n - 1))
  return lerp(a, b, h - lo)
}

/** Unique type-7 quantile edges for `bins` equal-frequency bins. */
export function quantileEdges(values: readonly number[], counts: ArrayLike<number>, bins: number): number[] {
  const edges: number[] = []
  for (let i = 1; i < bins; i++) {
    const e = weightedQuantile(values, counts, i / bins)
    if (!Number.isNaN(e) && (edges.length === 0 || e > edges[edges.length - 1])) edges.push(e)
  }
  return edges
}
