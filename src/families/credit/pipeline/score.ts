/**
 * `credit score` end to end, minus the terminal: bin every row with a saved scorecard, sum the points,
 * and, where the table has the target with both classes, the ROC metrics of the scorecard's log-odds.
 * In process (the streaming reader) or in a SQL engine (../engine/sql-scoring.ts), which returns the same
 * per-row doubles; the summary is computed from them here, and does not depend on the rows' order (the
 * mean is a correctly rounded sum), so both paths report the same numbers bit for bit.
 */
import {writeFileAtomic} from '../../../core/io/atomic-write.js'
import {exactSum} from '../../../core/special/exact-sum.js'
import type {CountEngine} from '../engine/count-with-engine.js'
import type {ScoredRows} from '../engine/sql-scoring.js'
import type {EngineRecord} from './bin-engine.js'
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
  /** The SQL engine that scored, when one did. */
  readonly engine?: EngineRecord
}

export interface ScoreRequest {
  readonly data: string
  readonly card: string
  /** Where to write `row,score,pd` per row (atomically), if anywhere. */
  readonly scoresCsv?: string
}

export async function runCreditScore(
  request: ScoreRequest,
  stopwatch: Stopwatch,
  engine?: CountEngine,
): Promise<ScoreOutcome> {
  const card = readScorecardFile(request.card)
  if (engine && engine.name !== 'in-process') {
    const sql = await engine.sql()
    const rows = await stopwatch.time('score', () => sql.scoreRows(request.data, card))
    return {
      result: summarize(rows, request.scoresCsv),
      warnings: [],
      engine: {name: sql.name, version: sql.version, queries: sql.queries},
    }
  }
  const {rows, warnings} = await scoreInProcess(request.data, card, stopwatch)
  return {result: summarize(rows, request.scoresCsv), warnings}
}

async function scoreInProcess(
  data: string,
  card: ReturnType<typeof readScorecardFile>,
  stopwatch: Stopwatch,
): Promise<{rows: ScoredRows; warnings: readonly string[]}> {
  let target = -1
  const r = await stopwatch.time('score', () =>
    countBins(data, {
      binnings: card.features.map((f) => f.binning),
      keepRows: true,
      onSource: (s) => (target = s.header.indexOf(card.target)),
      classify: (cell) => (target >= 0 && cell(target).trim() === card.bad_label ? 1 : 0),
    }),
  )
  const rows = {
    scores: scoreRows(card.features, r.rowBins!, r.rows),
    logits: rowLogits(card, r.rowBins!, r.rows),
    classes: target >= 0 ? Uint8Array.from(r.classes!) : null,
  }
  return {rows, warnings: r.warnings}
}

/** The summary of scored rows (and the per-row CSV, when asked for). */
function summarize({scores, logits, classes}: ScoredRows, scoresFile: string | undefined): ScoreResult {
  if (scoresFile) writeFileAtomic(scoresFile, scoresCsv(scores, logits))
  const has = classes !== null && classes.includes(1) && classes.includes(0)
  return {
    rows: scores.length,
    mean_score: exactSum(scores) / scores.length,
    // reduce, not Math.min(...scores): spreading a million rows as arguments overflows the stack
    min_score: scores.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY),
    max_score: scores.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY),
    metrics: has ? rocMetrics(logits, classes) : null,
  }
}

/** The per-row CSV: row index, points, and the PD from the log-odds. */
function scoresCsv(scores: ArrayLike<number>, logits: ArrayLike<number>): string {
  return (
    'row,score,pd\n' + Array.from(scores, (s, i) => `${i},${s},${1 / (1 + Math.exp(-logits[i]))}`).join('\n') + '\n'
  )
}
