/**
 * `credit bin --from-counts` and `credit psi --from-counts`: every statistic of the row-level
 * commands computed from counts tables alone (WoE, IV, bias-corrected IV, SEs, χ², PSI with its SE
 * and critical value), through the same kernels, so the numbers are the row-level path's
 * whenever the counts are.
 */
import {InputError} from '../../../core/errors.js'
import type {BinResult} from '../kernels/bin-features.js'
import {featureRows, type CountsTable, type FeatureCounts} from '../kernels/counts-table.js'
import {featureInformation, type InformationOptions} from '../kernels/feature-information.js'
import type {PsiOptions} from '../kernels/population-stability.js'
import {psiFeature} from '../kernels/psi-features.js'
import type {PsiResult} from './psi.js'

export function binFromCounts(file: string, t: CountsTable, info: InformationOptions): BinResult {
  if (!t.classes) throw new InputError('class: expected good/bad counts (this table has class "all")', {file})
  if (t.features.length === 0) throw new InputError('no features', {file})
  const first = t.features[0]
  let goods = first.unmatched[0]
  let bads = first.unmatched[1]
  first.goods.forEach((g, i) => ((goods += g), (bads += first.bads[i])))
  return {
    target: t.target ?? 'target',
    bad_label: t.bad_label,
    good_label: t.good_label,
    rows: goods + bads,
    goods,
    bads,
    method: t.method,
    woe_sign: info.woeSign,
    zero_fill: info.zeroFill,
    features: t.features.map((f) => featureInformation({...f, notes: []}, info)),
  }
}

function totals(f: FeatureCounts): Float64Array {
  return f.goods.map((g, i) => g + f.bads[i])
}

/** Checks that ACTUAL has every feature of EXPECTED over the same bins. */
function matchFeature(e: FeatureCounts, actual: CountsTable, actualFile: string): FeatureCounts {
  const name = e.binning.feature
  const a = actual.features.find((f) => f.binning.feature === name)
  if (!a)
    throw new InputError('feature of EXPECTED not in ACTUAL: the bins must cover both files', {
      file: actualFile,
      field: name,
    })
  const el = e.binning.labels
  const al = a.binning.labels
  if (el.length !== al.length || el.some((l, i) => l !== al[i]))
    throw new InputError(
      `bins differ from EXPECTED (${el.length} vs ${al.length} bins): the bins must cover both files`,
      {
        file: actualFile,
        field: name,
      },
    )
  return a
}

export interface PsiCountsRequest extends PsiOptions {
  readonly failOn?: 'drift' | 'rule'
}

export function psiFromCounts(
  files: readonly [string, string],
  expected: CountsTable,
  actual: CountsTable,
  o: PsiCountsRequest,
): PsiResult {
  if (expected.features.length === 0) throw new InputError('no features', {file: files[0]})
  for (const a of actual.features)
    if (!expected.features.some((e) => e.binning.feature === a.binning.feature))
      throw new InputError('feature of ACTUAL not in EXPECTED: the bins must cover both files', {
        file: files[0],
        field: a.binning.feature,
      })
  const pairs = expected.features.map((e) => [e, matchFeature(e, actual, files[1])] as const)
  const opts = {zeroFill: o.zeroFill, alpha: o.alpha, fixedReference: o.fixedReference === true}
  const features = pairs.map(([e, a]) =>
    psiFeature(
      e.binning,
      totals(e),
      totals(a),
      [e.unmatched[0] + e.unmatched[1], a.unmatched[0] + a.unmatched[1]],
      opts,
    ),
  )
  const drifted = features.filter((f) => (o.failOn === 'rule' ? f.psi > 0.25 : f.drift)).map((f) => f.feature)
  return {
    expected_rows: featureRows(pairs[0][0]),
    actual_rows: featureRows(pairs[0][1]),
    alpha: opts.alpha,
    fixed_reference: opts.fixedReference,
    features,
    drifted,
  }
}
