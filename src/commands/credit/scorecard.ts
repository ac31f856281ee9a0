import {Args, Flags} from '@oclif/core'
import {dataPath} from '../../families/credit/io/stdin-data.js'
import {InfolensCommand} from '../../base-command.js'
import {floatFlag} from '../../core/cli/numeric-flags.js'
import {commaList} from '../../families/credit/flags.js'
import type {Scorecard} from '../../families/credit/kernels/woe-scorecard.js'
import {runCreditScorecard} from '../../families/credit/pipeline/scorecard.js'
import type {Report} from '../../core/report/envelope.js'
import {renderScorecard} from '../../families/credit/render/scorecard-render.js'

export default class CreditScorecard extends InfolensCommand<Report<Scorecard>> {
  static override summary =
    'Fit a WoE logistic-regression scorecard (IRLS) with points scaling, AUC/KS/Gini, score PSI and SQL export.'
  static override description =
    'JSON schema infolens.credit.scorecard/1; --out FILE saves the scorecard used by `credit score --card`. Exit codes: 0 ok, 1 internal error, 2 bad input.'
  static override examples = [
    '<%= config.bin %> credit scorecard train.csv --target creditability --bins bins.json --test test.csv --sql card.sql --out card.json',
  ]
  static override args = {data: Args.string({required: true, description: 'training CSV/Parquet'})}
  static override flags = {
    target: Flags.string({required: true, summary: 'Target column (binary).', helpValue: 'COL'}),
    bad: Flags.string({summary: 'Target value meaning bad (default: as in the binning file).', helpValue: 'VALUE'}),
    bins: Flags.string({required: true, summary: 'Binning file written by `credit bin --out`.', helpValue: 'FILE'}),
    test: Flags.string({summary: 'Held-out CSV/Parquet for test AUC/KS and score PSI.', helpValue: 'FILE'}),
    features: Flags.string({
      summary: 'Comma-separated features to use (default: all in the binning file).',
      helpValue: 'A,B',
    }),
    'min-iv': floatFlag({
      min: 0,
      default: 0,
      recordAsTyped: true,
      summary: 'Drop features with IV below this.',
      helpValue: 'X',
    }),
    stepwise: Flags.boolean({summary: 'Forward stepwise selection by AIC.'}),
    pdo: floatFlag({
      min: 0,
      exclusiveMin: true,
      default: 20,
      recordAsTyped: true,
      summary: 'Points to double the odds.',
      helpValue: 'P',
    }),
    'base-points': floatFlag({default: 600, recordAsTyped: true, summary: 'Score at the base odds.', helpValue: 'S'}),
    'base-odds': floatFlag({
      min: 0,
      exclusiveMin: true,
      default: 50,
      recordAsTyped: true,
      summary: 'Base odds good:bad.',
      helpValue: 'O',
    }),
    sql: Flags.string({summary: 'Write the SQL scoring query to FILE.', helpValue: 'FILE'}),
    'sql-table': Flags.string({default: 'applicants', summary: 'Table name in the SQL query.'}),
  }

  async run(): Promise<Report<Scorecard>> {
    const {args, flags} = await this.parseWithBase(CreditScorecard)
    const data = await dataPath(args.data)
    const card = await runCreditScorecard(
      {
        data: data,
        bins: flags.bins,
        target: flags.target,
        bad: flags.bad,
        test: flags.test,
        features: commaList(flags.features),
        pdo: flags.pdo,
        basePoints: flags['base-points'],
        baseOdds: flags['base-odds'],
        minIv: flags['min-iv'],
        stepwise: flags.stepwise,
        sql: flags.sql ? {file: flags.sql, table: flags['sql-table']} : undefined,
      },
      this.stopwatch,
    )
    const report = await this.envelope({
      schema: 'infolens.credit.scorecard/1',
      inputs: [data, flags.bins, ...(flags.test ? [flags.test] : [])],
      options: this.optionsAsTyped(flags),
      result: card,
    })
    return this.emit(report, (r) => renderScorecard(r.result))
  }
}
