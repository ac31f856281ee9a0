/**
 * The per-feature result of `credit bin`: the bin table, IV with SEs and tests, and the
 * binning with its WoE per bin index (saved for psi, scorecard, score and fairness).
 */
import {binTable, type BinRow} from './bin-table.js'
import type {FeatureBinning} from './feature-binning.js'
import type {FittedBinning} from './fit-binning.js'
import {informationValue, type InformationValue} from './information-value.js'
import type {WoeSign} from './woe-sign.js'

export interface BinnedFeature extends InformationValue {
  readonly feature: string
  readonly type: 'numeric' | 'categorical'
  readonly table: readonly BinRow[]
  /** The binning plus WoE per bin index (0 for bins empty at fit time). */
  readonly binning: FeatureBinning & {readonly woe: readonly number[]}
  readonly notes: readonly string[]
}

export interface InformationOptions {
  readonly zeroFill: number
  readonly woeSign: WoeSign
  readonly ciLevel: number
}

export function featureInformation(fit: FittedBinning, o: InformationOptions): BinnedFeature {
  const t = binTable(fit.binning.labels, fit.goods, fit.bads, o)
  return {
    feature: fit.binning.feature,
    type: fit.binning.type,
    ...informationValue(t.smoothed, o.ciLevel),
    table: t.rows,
    binning: {...fit.binning, woe: t.rows.map((r) => r.woe)},
    notes: fit.notes,
  }
}
