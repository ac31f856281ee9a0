/**
 * `credit scorecard` end to end, minus the terminal: read the train (and test) rows as bin indices of the
 * saved binning, fit the WoE logistic scorecard, and write its SQL scoring query when asked.
 */
import {writeFileAtomic} from '../../../core/io/atomic-write.js'
import type {Stopwatch} from '../../../core/report/timings.js'
import {readBinnedRows} from '../io/binned-rows.js'
import {readBinningFile} from '../io/binning-file.js'
import {scorecardSql} from '../io/scorecard-sql.js'
import {buildScorecard, type Scorecard} from '../kernels/woe-scorecard.js'
import {parseZeroFill} from '../flags.js'

export interface ScorecardRequest {
  readonly data: string
  readonly bins: string
  readonly target: string
  /** The bad label; default: the binning file's. */
  readonly bad?: string
  readonly test?: string
  /** Features to use; empty: every feature of the binning file. */
  readonly features: readonly string[]
  readonly pdo: number
  readonly basePoints: number
  readonly baseOdds: number
  readonly minIv: number
  readonly stepwise: boolean
  readonly sql?: {readonly file: string; readonly table: string}
}

export async function runCreditScorecard(request: ScorecardRequest, stopwatch: Stopwatch): Promise<Scorecard> {
  const bins = readBinningFile(request.bins)
  const wanted = request.features
  const features = bins.features.filter((f) => wanted.length === 0 || wanted.includes(f.feature))
  const binnings = features.map((f) => f.binning)
  const bad = request.bad ?? bins.bad_label
  const train = await stopwatch.time('train', () => readBinnedRows(request.data, binnings, request.target, bad))
  const test = request.test
    ? await stopwatch.time('test', () => readBinnedRows(request.test!, binnings, request.target, bad))
    : undefined
  const o = {
    pdo: request.pdo,
    basePoints: request.basePoints,
    baseOdds: request.baseOdds,
    minIv: request.minIv,
    stepwise: request.stepwise,
    zeroFill: parseZeroFill(String(bins.zero_fill)),
  }
  const card = await stopwatch.time('fit', () =>
    buildScorecard(features, train, test, o, {
      target: request.target,
      badLabel: train.badLabel,
      woeSign: bins.woe_sign,
    }),
  )
  if (request.sql) writeFileAtomic(request.sql.file, scorecardSql(card, request.sql.table))
  return card
}
