import {Args, Flags} from '@oclif/core'
import {InfolensCommand} from '../../base-command.js'
import {GateError} from '../../core/errors.js'
import {integerFlag} from '../../core/cli/numeric-flags.js'
import {levelFlag, zeroFillFlag} from '../../families/credit/flags.js'
import type {PsiResult} from '../../families/credit/pipeline/psi.js'
import {runCreditPsiFrom} from '../../families/credit/pipeline/psi-engine.js'
import {countWithEngine} from '../../families/credit/engine/count-with-engine.js'
import {engineFlags} from '../../families/credit/engine/engine-flags.js'
import {redactReport} from '../../families/credit/engine/redact-report.js'
import type {Report} from '../../core/report/envelope.js'

export default class CreditPsi extends InfolensCommand<Report<PsiResult>> {
  static override summary =
    'PSI/CSI per feature (and of a score column) with SE, χ² drift test and sample-size-aware critical PSI.'
  static override description =
    'JSON schema infolens.credit.psi/1. Exit codes: 0 ok, 1 internal error, 2 bad input, 3 a --fail-on gate matched.'
  static override examples = ['<%= config.bin %> credit psi train.csv test.csv --bins bins.json --fail-on drift']
  static override args = {
    expected: Args.string({required: true, description: 'reference (expected) CSV/Parquet'}),
    actual: Args.string({required: true, description: 'current (actual) CSV/Parquet'}),
  }
  static override flags = {
    bins: Flags.string({
      summary: 'Binning file written by `credit bin --out` (not with --from-counts).',
      helpValue: 'FILE',
    }),
    'from-counts': Flags.boolean({
      summary: 'EXPECTED and ACTUAL are counts tables (`credit counts --out`) over the same bins.',
    }),
    ...engineFlags,
    score: Flags.string({summary: 'Numeric score column: PSI over its deciles in EXPECTED.', helpValue: 'COL'}),
    'score-bins': integerFlag({default: 10, min: 2, summary: 'Quantile bins of the score column.'}),
    alpha: levelFlag({default: 0.05, summary: 'Significance level of the χ² drift test.', helpValue: 'A'}),
    'zero-fill': zeroFillFlag('Count replacing a zero count in one sample.'),
    'fixed-reference': Flags.boolean({
      summary: 'Treat EXPECTED as a fixed population: drop its variance from the SE; test T = N_A·PSI.',
    }),
    'fail-on': Flags.option({
      options: ['drift', 'rule'] as const,
      summary: 'Exit 3 if any feature drifts (χ² test at α) or has PSI > 0.25 (rule).',
    })(),
  }

  async run(): Promise<Report<PsiResult>> {
    const {args, flags} = await this.parseWithBase(CreditPsi)
    const engine = countWithEngine(flags)
    const fromCounts = flags['from-counts'] === true
    if (engine.name !== 'postgres' || fromCounts) this.startChecksums([args.expected, args.actual])
    const result = await runCreditPsiFrom(
      {
        expected: fromCounts ? args.expected : engine.source(args.expected, 'EXPECTED'),
        actual: fromCounts ? args.actual : engine.source(args.actual, 'ACTUAL'),
        bins: flags.bins ?? '',
        score: flags.score,
        scoreBins: flags['score-bins'],
        zeroFill: flags['zero-fill'],
        alpha: flags.alpha,
        fixedReference: flags['fixed-reference'] === true,
        failOn: flags['fail-on'],
        threads: this.threads,
      },
      {fromCounts, engine},
      this.stopwatch,
    ).finally(() => engine.close())
    const drifted = result.psi.drifted
    const envelope = await this.envelope({
      schema: 'infolens.credit.psi/1',
      inputs: [
        ...(engine.name === 'postgres' && !fromCounts ? [] : [args.expected, args.actual]),
        ...(flags.bins ? [flags.bins] : []),
      ],
      options: {
        ...engine.redactedOptions(this.optionsAsTyped(flags)),
        ...(result.sql_engine ? {sql_engine: result.sql_engine} : {}),
      },
      warnings: result.warnings,
      result: result.psi,
    })
    const report = redactReport(envelope, flags.url)
    // the terminal tables (chalk, cli-table3: ~20 ms to load) only when they are printed
    const render = this.humanOutput ? await import('../../families/credit/render/psi-render.js') : undefined
    this.emit(report, (r) => render!.renderPsi(r.result))
    if (flags['fail-on'] && drifted.length > 0)
      throw new GateError(
        `${flags['fail-on']} gate: ${drifted.length} feature(s) drifted: ${drifted.slice(0, 5).join(', ')}`,
      )
    return report
  }
}
