import {Args, Flags} from '@oclif/core'
import {dataPath} from '../../families/credit/io/stdin-data.js'
import {InfolensCommand} from '../../base-command.js'
import type {Report} from '../../core/report/envelope.js'
import {renderKeyValues} from '../../core/terminal/terminal.js'
import {countWithEngine} from '../../families/credit/engine/count-with-engine.js'
import {engineFlags} from '../../families/credit/engine/engine-flags.js'
import {writeJsonAtomic} from '../../core/io/atomic-write.js'
import {countsJson} from '../../families/credit/io/counts-file.js'
import {redactReport} from '../../families/credit/engine/redact-report.js'
import {runCreditCounts, type CountsSummary} from '../../families/credit/pipeline/counts.js'

export default class CreditCounts extends InfolensCommand<Report<CountsSummary>> {
  static override summary =
    'Count rows per feature, bin and class in saved bins: the counts table (Parquet, CSV or JSON).'
  static override description =
    'JSON schema infolens.credit.counts/1. --out FILE writes the counts table itself (format by extension: .parquet, .csv, .json); `credit bin --from-counts` and `credit psi --from-counts` compute every statistic from it. Exit codes: 0 ok, 1 internal error, 2 bad input.'
  static override examples = [
    '<%= config.bin %> credit counts data.parquet --bins bins.json --out counts.parquet',
    '<%= config.bin %> credit counts --engine postgres --url postgres://me@db/credit --table applications --bins bins.json --out counts.csv',
    '<%= config.bin %> credit counts data.parquet --bins bins.json --engine duckdb --out counts.parquet',
  ]
  static override args = {data: Args.string({required: false, description: 'CSV/Parquet file (postgres: table name)'})}
  static override flags = {
    bins: Flags.string({required: true, summary: 'Binning file written by `credit bin --out`.', helpValue: 'FILE'}),
    target: Flags.string({summary: 'Target column (default: the one the bins were fitted for).', helpValue: 'COL'}),
    ...engineFlags,
  }

  async run(): Promise<Report<CountsSummary>> {
    const {args, flags} = await this.parseWithBase(CreditCounts)
    const engine = countWithEngine(flags)
    const data = engine.name === 'postgres' ? engine.source(args.data) : await dataPath(engine.source(args.data))
    const {summary, table} = await runCreditCounts(
      {data, bins: flags.bins, target: flags.target, out: flags.out},
      this.stopwatch,
      engine.count,
    )
    await engine.close()
    const report = redactReport(
      await this.envelope({
        schema: 'infolens.credit.counts/1',
        inputs: [...(engine.name === 'postgres' ? [] : [data]), flags.bins],
        options: engine.redactedOptions(flags),
        result: summary,
      }),
      flags.url,
    )
    if (flags.out && /\.json$/i.test(flags.out))
      writeJsonAtomic(flags.out, {...report, result: {...summary, table: countsJson(table)}})
    // --out holds the counts table, not the report: the report goes to stdout only (--json).
    if (this.humanOutput)
      this.log(
        renderKeyValues([
          ['engine', summary.engine],
          ['rows', summary.rows],
          ['features', summary.features],
          ['count rows', summary.count_rows],
          ['written', summary.out ?? '(not written: pass --out FILE)'],
        ]),
      )
    return report
  }
}
