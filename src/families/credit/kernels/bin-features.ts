/**
 * `credit bin` as a pure function of the table profile: fit every feature's binning and
 * compute its table, IV, SEs and tests.
 */
import type {ColumnProfile} from './column-profile.js'
import {featureInformation, type BinnedFeature, type InformationOptions} from './feature-information.js'
import {fitBinning, type BinningOptions} from './fit-binning.js'

export interface BinResult {
  readonly target: string
  readonly bad_label: string
  readonly good_label: string
  readonly rows: number
  readonly goods: number
  readonly bads: number
  readonly method: string
  readonly woe_sign: string
  readonly zero_fill: number
  readonly features: readonly BinnedFeature[]
}

export interface TableCounts {
  readonly target: string
  readonly rows: number
  readonly goods: number
  readonly bads: number
  readonly goodLabel: string
  readonly badLabel: string
  readonly profiles: readonly ColumnProfile[]
}

export function binFeatures(
  t: TableCounts,
  binning: BinningOptions,
  info: InformationOptions,
  thresholds?: ReadonlyMap<string, readonly number[]>,
): BinResult {
  const features = t.profiles.map((p) =>
    featureInformation(fitBinning(p, {...binning, thresholds: thresholds?.get(p.name)}), info),
  )
  return {
    target: t.target,
    bad_label: t.badLabel,
    good_label: t.goodLabel,
    rows: t.rows,
    goods: t.goods,
    bads: t.bads,
    method: binning.method,
    woe_sign: info.woeSign,
    zero_fill: info.zeroFill,
    features,
  }
}
