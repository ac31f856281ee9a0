/**
 * Monotone bad-rate trends. `ascending`: the bad rate never decreases from bin to bin
 * (non-strict, as optbinning's constraints); `descending` the reverse; `auto`: whichever of
 * the two gives the larger IV; `none`: unconstrained.
 */
export type MonotonicTrend = 'auto' | 'ascending' | 'descending' | 'none'

export function respectsTrend(previousRate: number, nextRate: number, trend: 'ascending' | 'descending'): boolean {
  return trend === 'ascending' ? previousRate <= nextRate : previousRate >= nextRate
}
