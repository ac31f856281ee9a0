/**
 * Temperature Sensitivity of Uncertainty (TSU, Inv-Entropy paper eq. 7; no released code):
 * 100 % × the share of items whose uncertainty strictly increases along the temperatures
 * T_1 < … < T_k. Ties fail (values compared at 12 significant digits, tie-rounding.ts). An item
 * counts only when it has a value at every listed temperature.
 */
import {roundForTies} from './tie-rounding.js'

export interface TsuValue {
  readonly temperatures: readonly number[]
  /** Percentage in [0, 100]; null when no item has all the temperatures. */
  readonly tsu: number | null
  readonly items: number
}

/**
 * `series[i]` maps temperature → uncertainty (null = missing) for item i.
 */
export function temperatureSensitivity(
  series: readonly ReadonlyMap<number, number | null>[],
  temperatures: readonly number[],
): TsuValue {
  const ts = [...temperatures].sort((a, b) => a - b)
  let items = 0
  let hits = 0
  for (const s of series) {
    const v = ts.map((t) => {
      const x = s.get(t)
      return typeof x === 'number' ? roundForTies(x) : x
    })
    if (v.some((x) => x === undefined || x === null || !Number.isFinite(x))) continue
    items++
    let up = true
    for (let k = 1; k < v.length; k++) if (!((v[k] as number) > (v[k - 1] as number))) up = false
    if (up) hits++
  }
  return {temperatures: ts, tsu: items === 0 ? null : (100 * hits) / items, items}
}
