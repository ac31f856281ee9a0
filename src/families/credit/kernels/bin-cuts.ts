/**
 * Cut positions over an ordered sequence of elements (sorted distinct values, or
 * categories ordered by bad rate): cut c (1 ≤ c ≤ n−1) separates element c−1 from c.
 * Every supervised binning method returns sorted cuts; these helpers aggregate counts by
 * bin and evaluate the IV of a grouping with the raw shares (pure bins contribute 0).
 */

export interface BinCounts {
  readonly goods: Float64Array
  readonly bads: Float64Array
}

/** Class counts per bin for the given cuts. */
export function aggregateByCuts(goods: ArrayLike<number>, bads: ArrayLike<number>, cuts: readonly number[]): BinCounts {
  const g = new Float64Array(cuts.length + 1)
  const b = new Float64Array(cuts.length + 1)
  let bin = 0
  for (let i = 0; i < goods.length; i++) {
    while (bin < cuts.length && i >= cuts[bin]) bin++
    g[bin] += goods[i]
    b[bin] += bads[i]
  }
  return {goods: g, bads: b}
}

/** IV of one group from raw shares; 0 when the group is pure (spec §2.9 DP value). */
export function groupIv(g: number, b: number, totalGoods: number, totalBads: number): number {
  if (g <= 0 || b <= 0) return 0
  const pn = g / totalGoods
  const pe = b / totalBads
  return (pe - pn) * Math.log(pe / pn)
}

export function cutsIv(counts: BinCounts): number {
  const G = counts.goods.reduce((s, v) => s + v, 0)
  const B = counts.bads.reduce((s, v) => s + v, 0)
  let iv = 0
  for (let i = 0; i < counts.goods.length; i++) iv += groupIv(counts.goods[i], counts.bads[i], G, B)
  return iv
}

/** optbinning's refinement: while a bin is pure (0 goods or 0 bads), drop the cut to its right (last bin: to its left). */
export function refinePureBins(goods: ArrayLike<number>, bads: ArrayLike<number>, cuts: readonly number[]): number[] {
  const result = [...cuts]
  for (;;) {
    const counts = aggregateByCuts(goods, bads, result)
    const pure = counts.goods.findIndex((g, i) => g === 0 || counts.bads[i] === 0)
    if (pure < 0 || result.length === 0) return result
    result.splice(pure < result.length ? pure : pure - 1, 1)
  }
}
