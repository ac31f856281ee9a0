import {Args, Flags} from '@oclif/core'
import {InfolensCommand} from '../../base-command.js'
import {floatFlag, integerFlag} from '../../core/cli/numeric-flags.js'
import {commaList, featureFlags, levelFlag, targetFlags, woeFlags} from '../../families/credit/flags.js'
import type {BinResult} from '../../families/credit/kernels/bin-features.js'
import {runCreditBinFrom} from '../../families/credit/pipeline/bin-engine.js'
import {countWithEngine} from '../../families/credit/engine/count-with-engine.js'
import {engineFlags} from '../../families/credit/engine/engine-flags.js'
import {redactReport} from '../../families/credit/engine/redact-report.js'
import {dataPath} from '../../families/credit/io/stdin-data.js'
import {InputError} from '../../core/errors.js'
import type {Report} from '../../core/report/envelope.js'

const DEFAULT_MIN_BIN_SIZE: Record<string, number> = {quantile: 0, tree: 0.05, chimerge: 0.05, optimal: 0.05, xgb1: 0}

export default class CreditBin extends InfolensCommand<Report<BinResult>> {
  static override summary = 'Bin features, with WoE, IV, bias-corrected IV, standard errors and χ² tests per feature.'
  static override description =
    'JSON schema infolens.credit.bin/1; --out FILE saves the report, which is also the binning file (--bins) of psi, scorecard and fairness. Exit codes: 0 ok, 1 internal error, 2 bad input.'
  static override examples = [
    '<%= config.bin %> credit bin germancredit.csv --target creditability --bad bad --out bins.json',
  ]
  static override args = {data: Args.string({description: 'CSV or Parquet file (postgres: table name)'})}
  static override flags = {
    ...targetFlags,
    ...featureFlags,
    ...woeFlags,
    ...engineFlags,
    target: Flags.string({summary: 'Target column (binary); not needed with --from-counts.', helpValue: 'COL'}),
    'from-counts': Flags.string({
      summary: 'Compute every statistic from a counts table (`credit counts --out`) instead of DATA.',
      helpValue: 'FILE',
    }),
    method: Flags.option({
      options: ['quantile', 'tree', 'chimerge', 'optimal', 'xgb1'] as const,
      default: 'quantile' as const,
      summary: 'Binning method.',
    })(),
    'max-bins': integerFlag({min: 2, summary: 'Maximum bins per feature (default 10; xgb1: unlimited).'}),
    'min-bin-size': floatFlag({
      min: 0,
      max: 1,
      exclusiveMax: true,
      recordAsTyped: true,
      summary: 'Minimum bin size as a fraction of rows (default 0.05 for tree/chimerge/optimal, 0 otherwise).',
      helpValue: 'F',
    }),
    monotonic: Flags.option({
      options: ['auto', 'ascending', 'descending', 'none'] as const,
      default: 'none' as const,
      summary: 'Monotone bad-rate trend over the bins.',
    })(),
    'chi-alpha': levelFlag({default: 0.05, summary: 'ChiMerge significance level.', helpValue: 'A'}),
    'ci-level': levelFlag({default: 0.95, summary: 'Confidence level of the IV interval.', helpValue: 'L'}),
    rounds: integerFlag({default: 300, min: 1, summary: 'xgb1: boosting rounds.'}),
    tables: Flags.boolean({summary: 'Print every bin table (human output).'}),
    plots: Flags.string({summary: 'Write one WoE bar chart per feature (SVG) into this folder.', helpValue: 'DIR'}),
  }

  async run(): Promise<Report<BinResult>> {
    const {args, flags} = await this.parseWithBase(CreditBin)
    const fromCounts = flags['from-counts']
    const engine = countWithEngine(flags)
    const data =
      fromCounts ?? (engine.name === 'postgres' ? engine.source(args.data) : await dataPath(engine.source(args.data)))
    if (!fromCounts && !flags.target) throw new InputError('missing required flag --target', {field: '--target'})
    if (fromCounts || engine.name !== 'postgres') this.startChecksums([data])
    const method = flags.method
    const select = {
      target: flags.target ?? '',
      bad: flags.bad,
      features: commaList(flags.features),
      exclude: commaList(flags.exclude),
      categorical: commaList(flags.categorical),
      special: commaList(flags.special),
    }
    const binning = {
      method,
      maxBins: flags['max-bins'] ?? (method === 'xgb1' ? Number.MAX_SAFE_INTEGER : 10),
      minBinSize: flags['min-bin-size'] ?? DEFAULT_MIN_BIN_SIZE[method],
      monotonic: method === 'xgb1' ? ('none' as const) : flags.monotonic,
      chiAlpha: flags['chi-alpha'],
    }
    const info = {
      zeroFill: flags['zero-fill'],
      woeSign: flags['woe-sign'],
      ciLevel: flags['ci-level'],
    }
    const {
      result,
      warnings,
      engine: engineRecord,
    } = await runCreditBinFrom(
      {
        data,
        select,
        maxDistinct: flags['max-distinct'],
        maxLevels: flags['max-levels'],
        rounds: flags.rounds,
        binning,
        info,
        monotonic: flags.monotonic,
        threads: this.threads,
      },
      {fromCounts, engine},
      this.stopwatch,
    ).finally(() => engine.close())
    const envelope = await this.envelope({
      schema: 'infolens.credit.bin/1',
      inputs: engine.name === 'postgres' && !fromCounts ? [] : [data],
      options: {
        ...engine.redactedOptions(this.optionsAsTyped(flags)),
        ...binning,
        ...info,
        ...(engineRecord ? {sql_engine: engineRecord} : {}),
      },
      warnings,
      result,
    })
    const report = redactReport(envelope, flags.url)
    if (flags.plots) {
      // vega and vega-lite take 150 ms to load: only for --plots
      const {writeWoePlots} = await import('../../families/credit/render/woe-plot.js')
      await this.stopwatch.time('plots', () => writeWoePlots(flags.plots!, report.result))
    }
    // the terminal tables (chalk, cli-table3: ~20 ms to load) only when they are printed
    const render = this.humanOutput ? await import('../../families/credit/render/bin-render.js') : undefined
    return this.emit(report, (r) => render!.renderBinResult(r.result, flags.tables))
  }
}
