/**
 * The zero-cell rule shared by WoE, IV and PSI (spec credit.md §2.6, "infolens reference"):
 * bins empty in both samples are dropped; a remaining zero count is replaced by `fill`
 * (0.5 = Haldane–Anscombe); shares are renormalised from the replaced counts. The raw totals
 * are kept because the standard errors use them (§2.11).
 * Ref: J. B. S. Haldane, Ann. Hum. Genet. 20 (1956) 309, doi:10.1111/j.1469-1809.1955.tb01285.x.
 */

export interface SmoothedPair {
  /** Indices of the bins kept (non-empty in at least one sample). */
  readonly kept: readonly number[]
  /** Shares of the first sample over the kept bins (goods, or the expected sample). */
  readonly p: Float64Array
  /** Shares of the second sample over the kept bins (bads, or the actual sample). */
  readonly q: Float64Array
  /** Raw totals of the two samples (before the fill). */
  readonly firstTotal: number
  readonly secondTotal: number
}

export function applyZeroRule(first: ArrayLike<number>, second: ArrayLike<number>, fill = 0.5): SmoothedPair {
  if (first.length !== second.length) throw new RangeError('applyZeroRule: count vectors differ in length')
  const kept: number[] = []
  let firstTotal = 0
  let secondTotal = 0
  for (let i = 0; i < first.length; i++) {
    firstTotal += first[i]
    secondTotal += second[i]
    if (first[i] + second[i] > 0) kept.push(i)
  }
  const a = Float64Array.from(kept, (i) => (first[i] > 0 ? first[i] : fill))
  const b = Float64Array.from(kept, (i) => (second[i] > 0 ? second[i] : fill))
  const sa = a.reduce((s, v) => s + v, 0)
  const sb = b.reduce((s, v) => s + v, 0)
  return {kept, p: a.map((v) => v / sa), q: b.map((v) => v / sb), firstTotal, secondTotal}
}
