/**
 * `credit score` end to end, minus the terminal: bin every row with a saved scorecard, sum the points,
 * and, where the table has the target with both classes, the ROC metrics of the scorecard's log-odds.
 */
import {writeFileAtomic} from '../../../core/io/atomic-write.js'
import type {Stopwatch} from '../../../core/report/timings.js'
import {countBins} from '../io/count-bins.js'
import {readScorecardFile} from '../io/scorecard-file.js'
import {rocMetrics, type RocMetrics} from '../kernels/roc-metrics.js'
import {scoreRows} from '../kernels/scorecard-score.js'
import {rowLogits} from '../kernels/woe-scorecard.js'

export interface ScoreResult {
  readonly rows: number
  readonly mean_score: number
  readonly min_score: number
  readonly max_score: number
  readonly metrics: RocMetrics | null
}

export interface ScoreOutcome {
  readonly result: ScoreResult
  /** The reader's warnings (bytes that are not UTF-8). */
  readonly warnings: readonly string[]
}

export interface ScoreRequest {
  readonly data: string
  readonly card: string
  /** Where to write `row,score,pd` per row (atomically), if anywhere. */
  readonly scoresCsv?: string
}

export async function runCreditScore(request: ScoreRequest, stopwatch: Stopwatch): Promise<ScoreOutcome> {
  const card = readScorecardFile(request.card)
  let target = -1
  const r = await stopwatch.time('score', () =>
    countBins(request.data, {
      binnings: card.features.map((f) => f.binning),
      keepRows: true,
      onSource: (s) => (target = s.header.indexOf(card.target)),
      classify: (cell) => (target >= 0 && cell(target).trim() === card.bad_label ? 1 : 0),
    }),
  )
  const scores = scoreRows(card.features, r.rowBins!, r.rows)
  const logits = rowLogits(card, r.rowBins!, r.rows)
  if (request.scoresCsv) writeFileAtomic(request.scoresCsv, scoresCsv(scores, logits))
  const has = target >= 0 && r.classes!.some((c) => c === 1) && r.classes!.some((c) => c === 0)
  const result = {
    rows: r.rows,
    mean_score: scores.reduce((a, b) => a + b, 0) / r.rows,
    // reduce, not Math.min(...scores): spreading a million rows as arguments overflows the stack
    min_score: scores.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY),
    max_score: scores.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY),
    metrics: has ? rocMetrics(logits, r.classes!) : null,
  }
  return {result, warnings: r.warnings}
}

/** The per-row CSV: row index, points, and the PD from the log-odds. */
function scoresCsv(scores: ArrayLike<number>, logits: ArrayLike<number>): string {
  return (
    'row,score,pd\n' + Array.from(scores, (s, i) => `${i},${s},${1 / (1 + Math.exp(-logits[i]))}`).join('\n') + '\n'
  )
}
