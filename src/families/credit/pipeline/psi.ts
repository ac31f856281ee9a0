/**
 * `credit psi` end to end, minus the terminal: count both files in the saved bins (and, with a score
 * column, in the expected file's score deciles), then PSI with its standard error and χ² drift test
 * per feature.
 */
import {InputError} from '../../../core/errors.js'
import type {Stopwatch} from '../../../core/report/timings.js'
import {readBinningFile} from '../io/binning-file.js'
import {countBinsOfFiles} from '../io/count-bins-parallel.js'
import {scoreBinning} from '../io/score-edges.js'
import type {FeatureBinning} from '../kernels/feature-binning.js'
import {psiFeature, type PsiFeature} from '../kernels/psi-features.js'

export interface PsiRequest {
  readonly expected: string
  readonly actual: string
  readonly bins: string
  /** A numeric score column binned by its deciles in EXPECTED, added as one more feature. */
  readonly score?: string
  readonly scoreBins: number
  readonly zeroFill: number
  readonly alpha: number
  readonly fixedReference: boolean
  /** `rule`: PSI above 0.25 counts as drift; otherwise the χ² test at alpha decides. */
  readonly failOn?: 'drift' | 'rule'
  /** Worker threads shared by the two files (default: the CPU cores). */
  readonly threads?: number
}

export interface PsiResult {
  readonly expected_rows: number
  readonly actual_rows: number
  readonly alpha: number
  /** EXPECTED treated as a fixed population (no sampling variance). */
  readonly fixed_reference: boolean
  readonly features: readonly PsiFeature[]
  readonly drifted: readonly string[]
}

export async function runCreditPsi(
  request: PsiRequest,
  stopwatch: Stopwatch,
): Promise<{psi: PsiResult; warnings: readonly string[]}> {
  const binnings: FeatureBinning[] = [...readBinningFile(request.bins).features.map((f) => f.binning)]
  if (request.score) binnings.push(await scoreBinning(request.expected, request.score, request.scoreBins))
  const [e, a] = await stopwatch.time('count', () =>
    countBinsOfFiles([request.expected, request.actual], binnings, request.threads),
  )
  const o = {zeroFill: request.zeroFill, alpha: request.alpha, fixedReference: request.fixedReference}
  const features = binnings.map((b, f) =>
    psiFeature(b, e.counts[f][0], a.counts[f][0], [e.unmatched[f], a.unmatched[f]], o),
  )
  checkSampleSizes(features, request)
  const drifted = features.filter((f) => (request.failOn === 'rule' ? f.psi > 0.25 : f.drift)).map((f) => f.feature)
  const psi = {
    expected_rows: e.rows,
    actual_rows: a.rows,
    alpha: o.alpha,
    fixed_reference: o.fixedReference,
    features,
    drifted,
  }
  return {psi, warnings: [...e.warnings, ...a.warnings]}
}

/**
 * An empty sample has no distribution, so its PSI (and SE = inf, p = 1) means nothing, and a drift gate
 * over it would pass without having looked. Under --fail-on a sample also needs a row per bin: with fewer,
 * the χ² test cannot reject and the gate would pass by lack of power, never by lack of drift.
 */
function checkSampleSizes(features: readonly PsiFeature[], request: PsiRequest): void {
  for (const f of features) {
    const samples = [
      {file: request.expected, total: f.expected_total, unmatched: f.expected_unmatched},
      {file: request.actual, total: f.actual_total, unmatched: f.actual_unmatched},
    ]
    for (const s of samples) {
      const context = {file: s.file, field: f.feature}
      if (s.total === 0)
        throw new InputError(`expected at least one row in the bins, got 0 (${s.unmatched} unmatched)`, context)
      if (request.failOn !== undefined && s.total < f.bins)
        throw new InputError(
          `expected at least ${f.bins} rows (one per bin) for --fail-on ${request.failOn}, got ${s.total}`,
          context,
        )
    }
  }
}
