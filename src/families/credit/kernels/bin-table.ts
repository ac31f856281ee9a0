/**
 * The per-bin statistics table of one binned feature: count, count share, goods, bads,
 * bad rate, WoE, IV contribution and Jensen–Shannon contribution (the columns of
 * optbinning's binning table, spec credit.md §3.1). Shares follow the zero rule of
 * ./zero-rule.ts; bins empty in both classes get WoE = IV = JS = 0.
 */
import {jensenShannonTerm} from './jeffreys-divergence.js'
import {woeOf, type WoeSign} from './woe-sign.js'
import {applyZeroRule, type SmoothedPair} from './zero-rule.js'

export interface BinRow {
  readonly bin: string
  readonly count: number
  readonly count_share: number
  readonly goods: number
  readonly bads: number
  /** bads/count; null for an empty bin. */
  readonly bad_rate: number | null
  readonly woe: number
  readonly iv: number
  readonly js: number
}

export interface BinTableOptions {
  readonly zeroFill: number
  readonly woeSign: WoeSign
}

export interface BinTable {
  readonly rows: readonly BinRow[]
  readonly smoothed: SmoothedPair
}

export function binTable(
  labels: readonly string[],
  goods: ArrayLike<number>,
  bads: ArrayLike<number>,
  options: BinTableOptions,
): BinTable {
  const smoothed = applyZeroRule(goods, bads, options.zeroFill)
  const position = new Map(smoothed.kept.map((bin, j) => [bin, j]))
  const total = smoothed.firstTotal + smoothed.secondTotal
  const rows = labels.map((label, i): BinRow => {
    const count = goods[i] + bads[i]
    const j = position.get(i)
    const p = j === undefined ? 0 : smoothed.p[j]
    const q = j === undefined ? 0 : smoothed.q[j]
    return {
      bin: label,
      count,
      count_share: total > 0 ? count / total : 0,
      goods: goods[i],
      bads: bads[i],
      bad_rate: count > 0 ? bads[i] / count : null,
      woe: j === undefined ? 0 : woeOf(p, q, options.woeSign),
      iv: j === undefined ? 0 : (p - q) * Math.log(p / q),
      js: j === undefined ? 0 : jensenShannonTerm(p, q),
    }
  })
  return {rows, smoothed}
}
