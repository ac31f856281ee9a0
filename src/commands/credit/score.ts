import {Args, Flags} from '@oclif/core'
import {InfolensCommand} from '../../base-command.js'
import {countBins} from '../../families/credit/io/count-bins.js'
import {readScorecardFile} from '../../families/credit/io/scorecard-file.js'
import {scoreRows} from '../../families/credit/kernels/scorecard-score.js'
import {rowLogits} from '../../families/credit/kernels/woe-scorecard.js'
import {rocMetrics, type RocMetrics} from '../../families/credit/kernels/roc-metrics.js'
import {writeFileAtomic} from '../../core/io/atomic-write.js'
import type {Report} from '../../core/report/envelope.js'
import {renderKeyValues} from '../../core/terminal/terminal.js'

export interface ScoreResult {
  readonly rows: number
  readonly mean_score: number
  readonly min_score: number
  readonly max_score: number
  readonly metrics: RocMetrics | null
}

export default class CreditScore extends InfolensCommand<Report<ScoreResult>> {
  static override summary = 'Score a table with a saved scorecard (per-row scores to --scores CSV).'
  static override description =
    'JSON schema infolens.credit.score/1. Scores equal the exported SQL query exactly. Exit codes: 0 ok, 1 internal error, 2 bad input.'
  static override examples = ['<%= config.bin %> credit score test.csv --card card.json --scores scores.csv']
  static override args = {data: Args.string({required: true, description: 'CSV/Parquet to score'})}
  static override flags = {
    card: Flags.string({required: true, summary: 'Scorecard written by `credit scorecard --out`.', helpValue: 'FILE'}),
    scores: Flags.string({summary: 'Write row,score,pd per row to this CSV.', helpValue: 'FILE'}),
  }

  async run(): Promise<Report<ScoreResult>> {
    const {args, flags} = await this.parseWithBase(CreditScore)
    const card = readScorecardFile(flags.card)
    let target = -1
    const r = await this.stopwatch.time('score', () =>
      countBins(args.data, {
        binnings: card.features.map((f) => f.binning),
        keepRows: true,
        onSource: (s) => (target = s.header.indexOf(card.target)),
        classify: (rec) => (target >= 0 && rec[target].trim() === card.bad_label ? 1 : 0),
      }),
    )
    const scores = scoreRows(card.features, r.rowBins!, r.rows)
    const logits = rowLogits(card, r.rowBins!, r.rows)
    if (flags.scores)
      writeFileAtomic(
        flags.scores,
        'row,score,pd\n' +
          Array.from(scores, (s, i) => `${i},${s},${1 / (1 + Math.exp(-logits[i]))}`).join('\n') +
          '\n',
      )
    const has = target >= 0 && r.classes!.some((c) => c === 1) && r.classes!.some((c) => c === 0)
    const result = {
      rows: r.rows,
      mean_score: scores.reduce((a, b) => a + b, 0) / r.rows,
      min_score: Math.min(...scores),
      max_score: Math.max(...scores),
      metrics: has ? rocMetrics(logits, r.classes!) : null,
    }
    const report = await this.envelope({
      schema: 'infolens.credit.score/1',
      inputs: [args.data, flags.card],
      options: flags,
      result,
    })
    return this.emit(report, (x) =>
      renderKeyValues([
        ['rows', x.result.rows],
        ['mean score', x.result.mean_score],
        ['AUC', x.result.metrics?.auc],
        ['KS', x.result.metrics?.ks],
      ]),
    )
  }
}
