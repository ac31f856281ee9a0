/**
 * `credit psi` as a pure function of bin counts: PSI/CSI per feature with SE, χ² drift
 * test and critical PSI, and the per-bin table (expected/actual counts and shares).
 */
import type {FeatureBinning} from './feature-binning.js'
import {populationStability, type PopulationStability, type PsiOptions} from './population-stability.js'

export interface PsiBinRow {
  readonly bin: string
  readonly expected: number
  readonly actual: number
  readonly expected_share: number
  readonly actual_share: number
}

export interface PsiFeature extends PopulationStability {
  readonly feature: string
  /** Rows of each sample matching no bin (unseen categories), excluded from the counts. */
  readonly expected_unmatched: number
  readonly actual_unmatched: number
  readonly table: readonly PsiBinRow[]
}

export function psiFeature(
  b: FeatureBinning,
  expected: Float64Array,
  actual: Float64Array,
  unmatched: [number, number],
  o: PsiOptions,
): PsiFeature {
  const stats = populationStability(expected, actual, o)
  const share = (x: Float64Array, i: number) => {
    const s = x.reduce((a, v) => a + v, 0)
    return s > 0 ? x[i] / s : 0
  }
  return {
    feature: b.feature,
    ...stats,
    expected_unmatched: unmatched[0],
    actual_unmatched: unmatched[1],
    table: b.labels.map((bin, i) => ({
      bin,
      expected: expected[i],
      actual: actual[i],
      expected_share: share(expected, i),
      actual_share: share(actual, i),
    })),
  }
}
