import {Args, Flags} from '@oclif/core'
import {dataPath} from '../../families/credit/io/stdin-data.js'
import {InfolensCommand} from '../../base-command.js'
import {runCreditScore, type ScoreResult} from '../../families/credit/pipeline/score.js'
import type {Report} from '../../core/report/envelope.js'
import {renderKeyValues} from '../../core/terminal/terminal.js'
import {countWithEngine} from '../../families/credit/engine/count-with-engine.js'
import {engineFlags} from '../../families/credit/engine/engine-flags.js'
import {redactReport} from '../../families/credit/engine/redact-report.js'

export default class CreditScore extends InfolensCommand<Report<ScoreResult>> {
  static override summary = 'Score a table with a saved scorecard (per-row scores to --scores CSV).'
  static override description =
    'JSON schema infolens.credit.score/1. Scores equal the exported SQL query exactly. With --engine duckdb or postgres every row is scored in the engine (the same doubles, bit for bit); the summary is computed here. Exit codes: 0 ok, 1 internal error, 2 bad input.'
  static override examples = [
    '<%= config.bin %> credit score test.csv --card card.json --scores scores.csv',
    '<%= config.bin %> credit score applications --card card.json --engine postgres --url postgres://me@db/credit',
  ]
  static override args = {data: Args.string({description: 'CSV/Parquet to score (postgres: table name)'})}
  static override flags = {
    card: Flags.string({required: true, summary: 'Scorecard written by `credit scorecard --out`.', helpValue: 'FILE'}),
    scores: Flags.string({summary: 'Write row,score,pd per row to this CSV.', helpValue: 'FILE'}),
    ...engineFlags,
  }

  async run(): Promise<Report<ScoreResult>> {
    const {args, flags} = await this.parseWithBase(CreditScore)
    const engine = countWithEngine(flags)
    // `-` is stdin for the in-process reader; an engine reads its own source (a file, or a postgres table)
    const source = engine.source(args.data)
    const data = engine.name === 'in-process' ? await dataPath(source) : source
    const {
      result,
      warnings,
      engine: engineRecord,
    } = await runCreditScore({data, card: flags.card, scoresCsv: flags.scores}, this.stopwatch, engine).finally(() =>
      engine.close(),
    )
    const envelope = await this.envelope({
      schema: 'infolens.credit.score/1',
      inputs: engine.name === 'postgres' ? [flags.card] : [data, flags.card],
      options: {
        ...engine.redactedOptions(this.optionsAsTyped(flags)),
        ...(engineRecord ? {sql_engine: engineRecord} : {}),
      },
      warnings,
      result,
    })
    const report = redactReport(envelope, flags.url)
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
