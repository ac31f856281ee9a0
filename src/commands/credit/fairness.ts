import {Args, Flags} from '@oclif/core'
import {dataPath} from '../../families/credit/io/stdin-data.js'
import {InfolensCommand} from '../../base-command.js'
import {floatListFlag} from '../../core/cli/numeric-flags.js'
import {commaList, levelFlag, zeroFillFlag} from '../../families/credit/flags.js'
import type {Report} from '../../core/report/envelope.js'
import {renderFairness} from '../../families/credit/render/fairness-render.js'
import {runCreditFairness, type FairnessResult} from '../../families/credit/pipeline/fairness.js'

export default class CreditFairness extends InfolensCommand<Report<FairnessResult>> {
  static override summary =
    'Proxy IV of each feature for a protected group, score-level IV between groups, and the IV Pareto frontier under fairness budgets.'
  static override description =
    'JSON schema infolens.credit.fairness/1. Exit codes: 0 ok, 1 internal error, 2 bad input.'
  static override examples = [
    "<%= config.bin %> credit fairness germancredit.csv --target creditability --bins bins.json --protected 'age_in_years<=25' --exclude personal_status_and_sex --plot frontier.svg",
  ]
  static override args = {data: Args.string({required: true, description: 'CSV/Parquet'})}
  static override flags = {
    target: Flags.string({required: true, summary: 'Target column (binary).', helpValue: 'COL'}),
    bad: Flags.string({summary: 'Target value meaning bad (default: as in the binning file).', helpValue: 'VALUE'}),
    bins: Flags.string({required: true, summary: 'Binning file written by `credit bin --out`.', helpValue: 'FILE'}),
    protected: Flags.string({
      required: true,
      summary: "Protected group, e.g. 'age_in_years<=25' or 'foreign_worker==yes'.",
      helpValue: 'EXPR',
    }),
    card: Flags.string({summary: 'Scorecard for the score-level IV between groups.', helpValue: 'FILE'}),
    exclude: Flags.string({summary: 'Comma-separated features left out of the frontier.', helpValue: 'A,B'}),
    epsilon: floatListFlag({
      min: 0,
      allowInfinity: true,
      recordAsTyped: true,
      default: [0.1, 0.2, 0.4, 0.8, 1.6, Number.POSITIVE_INFINITY],
      summary: 'Budgets ε of Σ IV_A for the frontier.',
      helpValue: 'LIST',
    }),
    alpha: levelFlag({
      default: 0.05,
      summary: 'Level of the probabilistic constraint (z = Φ⁻¹(1−α)).',
      helpValue: 'A',
    }),
    solver: Flags.option({
      options: ['auto', 'enumeration', 'highs'] as const,
      default: 'auto' as const,
      summary: 'auto: enumeration up to 25 features, HiGHS MIP beyond.',
    })(),
    'zero-fill': zeroFillFlag('Count replacing a zero count.'),
    plot: Flags.string({summary: 'Write the frontier as SVG.', helpValue: 'FILE'}),
  }

  async run(): Promise<Report<FairnessResult>> {
    const {args, flags} = await this.parseWithBase(CreditFairness)
    const data = await dataPath(args.data)
    const result = await runCreditFairness(
      {
        data: data,
        bins: flags.bins,
        target: flags.target,
        bad: flags.bad,
        protected: flags.protected,
        card: flags.card,
        exclude: commaList(flags.exclude),
        epsilons: flags.epsilon,
        alpha: flags.alpha,
        solver: flags.solver,
        zeroFill: flags['zero-fill'],
        plot: flags.plot,
      },
      this.stopwatch,
    )
    const report = await this.envelope({
      schema: 'infolens.credit.fairness/1',
      inputs: [data, flags.bins, ...(flags.card ? [flags.card] : [])],
      options: this.optionsAsTyped(flags),
      result,
    })
    return this.emit(report, (r) => renderFairness(r.result))
  }
}
