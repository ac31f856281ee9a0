/**
 * `credit psi` end to end, minus the terminal: count both files in the saved bins (and, with a score
 * column, in the expected file's score deciles), then PSI with its standard error and χ² drift test
 * per feature.
 */
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

export async function runCreditPsi(request: PsiRequest, stopwatch: Stopwatch): Promise<PsiResult> {
  const binnings: FeatureBinning[] = [...readBinningFile(request.bins).features.map((f) => f.binning)]
  if (request.score) binnings.push(await scoreBinning(request.expected, request.score, request.scoreBins))
  const [e, a] = await stopwatch.time('count', () => countBinsOfFiles([request.expected, request.actual], binnings))
  const o = {zeroFill: request.zeroFill, alpha: request.alpha, fixedReference: request.fixedReference}
  const features = binnings.map((b, f) =>
    psiFeature(b, e.counts[f][0], a.counts[f][0], [e.unmatched[f], a.unmatched[f]], o),
  )
  const drifted = features.filter((f) => (request.failOn === 'rule' ? f.psi > 0.25 : f.drift)).map((f) => f.feature)
  return {
    expected_rows: e.rows,
    actual_rows: a.rows,
    alpha: o.alpha,
    fixed_reference: o.fixedReference,
    features,
    drifted,
  }
}
