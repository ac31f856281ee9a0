import {Flags} from '@oclif/core'
import {InfolensCommand} from '../../base-command.js'
import {integerFlag} from '../../core/cli/numeric-flags.js'
import type {Report} from '../../core/report/envelope.js'
import {commaList} from '../../families/credit/flags.js'
import {buildCreditSql, type SqlQueries} from '../../families/credit/pipeline/sql.js'

export default class CreditSql extends InfolensCommand<Report<SqlQueries>> {
  static override summary =
    'Print the SQL that counts credit data in its own engine: cut points, then the counts table.'
  static override description =
    'JSON schema infolens.credit.sql/1. duckdb and postgres queries are the ones the test suite runs against live engines; spark and bigquery are generated only. Run the counts query, save its rows as CSV, then `credit bin --from-counts` / `credit psi --from-counts`. Exit codes: 0 ok, 1 internal error, 2 bad input.'
  static override examples = [
    '<%= config.bin %> credit sql --dialect spark --table lake.applications --features age,income --max-bins 10',
    '<%= config.bin %> credit sql --dialect bigquery --table credit.applications --bins bins.json',
  ]
  static override flags = {
    dialect: Flags.option({
      options: ['duckdb', 'postgres', 'spark', 'bigquery'] as const,
      required: true,
      summary: 'SQL dialect.',
    })(),
    table: Flags.string({
      required: true,
      summary: 'Table (schema.table; duckdb: also a CSV/Parquet path).',
      helpValue: 'NAME',
    }),
    bins: Flags.string({summary: 'Binning file: print the counts-table query in these bins.', helpValue: 'FILE'}),
    target: Flags.string({summary: 'Target column (default: the one in --bins).', helpValue: 'COL'}),
    features: Flags.string({summary: 'Numeric columns to cut (without --bins).', helpValue: 'A,B'}),
    special: Flags.string({summary: 'Special values kept out of the cut points.', helpValue: 'V,W'}),
    'max-bins': integerFlag({default: 10, min: 2, summary: 'Quantile bins per feature.'}),
  }

  async run(): Promise<Report<SqlQueries>> {
    const {flags} = await this.parseWithBase(CreditSql)
    const result = buildCreditSql({
      dialect: flags.dialect,
      table: flags.table,
      bins: flags.bins,
      target: flags.target,
      features: commaList(flags.features),
      special: commaList(flags.special),
      maxBins: flags['max-bins'],
    })
    const report = await this.envelope({
      schema: 'infolens.credit.sql/1',
      inputs: flags.bins ? [flags.bins] : [],
      options: flags,
      result,
    })
    return this.emit(report, (r) => r.result.queries.map((q) => `-- ${q.name}\n${q.sql};\n`).join('\n'))
  }
}
