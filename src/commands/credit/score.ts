import {Args, Flags} from '@oclif/core'
import {dataPath} from '../../families/credit/io/stdin-data.js'
import {InfolensCommand} from '../../base-command.js'
import {runCreditScore, type ScoreResult} from '../../families/credit/pipeline/score.js'
import type {Report} from '../../core/report/envelope.js'
import {renderKeyValues} from '../../core/terminal/terminal.js'

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
    const data = await dataPath(args.data)
    const {result, warnings} = await runCreditScore(
      {data: data, card: flags.card, scoresCsv: flags.scores},
      this.stopwatch,
    )
    const report = await this.envelope({
      schema: 'infolens.credit.score/1',
      inputs: [data, flags.card],
      options: flags,
      warnings,
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
