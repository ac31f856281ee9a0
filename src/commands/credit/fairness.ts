import {Args, Flags} from '@oclif/core'
import {InfolensCommand} from '../../base-command.js'
import {floatListFlag} from '../../core/cli/numeric-flags.js'
import {commaList, levelFlag, zeroFillFlag} from '../../families/credit/flags.js'
import {readBinningFile} from '../../families/credit/io/binning-file.js'
import {countBins} from '../../families/credit/io/count-bins.js'
import {readScorecardFile} from '../../families/credit/io/scorecard-file.js'
import {columnIndex} from '../../families/credit/io/table-source.js'
import {groupIv, proxyRows, type GroupIv, type ProxyRow} from '../../families/credit/kernels/fairness-analysis.js'
import {enumerateFrontier, mipFrontier, type FrontierPoint} from '../../families/credit/kernels/fairness-frontier.js'
import {rangeIndex} from '../../families/credit/kernels/feature-binning.js'
import {parseProtected} from '../../families/credit/kernels/protected-group.js'
import {TargetClasses} from '../../families/credit/kernels/target-classes.js'
import {rowLogits} from '../../families/credit/kernels/woe-scorecard.js'
import {normalQuantile} from '../../core/special/normal.js'
import {writeFileAtomic} from '../../core/io/atomic-write.js'
import type {Report} from '../../core/report/envelope.js'
import {renderFairness} from '../../families/credit/render/fairness-render.js'
import {frontierSvg} from '../../families/credit/render/frontier-plot.js'

export interface FairnessResult {
  readonly protected: string
  readonly rows: number
  readonly group_rows: number
  readonly z: number
  readonly group_default_iv: GroupIv
  readonly score_iv: (GroupIv & {readonly group_rows: number}) | null
  readonly proxies: readonly ProxyRow[]
  readonly frontier: readonly FrontierPoint[]
}

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
    const bins = readBinningFile(flags.bins)
    const group = parseProtected(flags.protected)
    const fill = flags['zero-fill']
    const z = normalQuantile(1 - flags.alpha)
    const classes = new TargetClasses(args.data, flags.target, flags.bad ?? bins.bad_label)
    const cross = [
      [0, 0],
      [0, 0],
    ]
    let a = -1
    let t = -1
    const member = (rec: readonly string[], line: number) => group.member(rec[a], line, args.data)
    const counted = await this.stopwatch.time('count', () =>
      countBins(args.data, {
        binnings: bins.features.map((f) => f.binning),
        onSource: (s) => ([a, t] = [columnIndex(s, group.column, 'protected'), columnIndex(s, flags.target, 'target')]),
        classify: (rec, line) => {
          const g = member(rec, line)
          cross[g][classes.slot(rec[t], line)]++
          return g
        },
      }),
    )
    const badSlot = classes.badSlot()
    const groupDefault = groupIv(
      [cross[0][1 - badSlot], cross[1][1 - badSlot]],
      [cross[0][badSlot], cross[1][badSlot]],
      fill,
      z,
    )
    const excluded = new Set([group.column, ...commaList(flags.exclude)])
    const proxies = proxyRows(bins.features, counted.counts, fill)
    const candidates = proxies.filter((p) => !excluded.has(p.feature))
    const epsilons = flags.epsilon
    const useMip = flags.solver === 'highs' || (flags.solver === 'auto' && candidates.length > 25)
    const frontier = await this.stopwatch.time('frontier', () =>
      useMip ? mipFrontier(candidates, epsilons, z) : enumerateFrontier(candidates, epsilons, z),
    )
    const scoreIv = flags.card ? await this.scoreIv(args.data, flags.card, member, fill, z) : null
    const groupRows = cross[1][0] + cross[1][1]
    const result = {
      protected: flags.protected,
      rows: counted.rows,
      group_rows: groupRows,
      z,
      group_default_iv: groupDefault,
      score_iv: scoreIv,
      proxies,
      frontier,
    }
    if (flags.plot) writeFileAtomic(flags.plot, await frontierSvg(frontier))
    const report = await this.envelope({
      schema: 'infolens.credit.fairness/1',
      inputs: [args.data, flags.bins, ...(flags.card ? [flags.card] : [])],
      options: this.optionsAsTyped(flags),
      result,
    })
    return this.emit(report, (r) => renderFairness(r.result))
  }

  /** IV between the groups' distributions over the scorecard's train PD deciles. */
  private async scoreIv(
    data: string,
    cardFile: string,
    member: (rec: readonly string[], line: number) => number,
    fill: number,
    z: number,
  ) {
    const card = readScorecardFile(cardFile)
    const r = await countBins(data, {
      binnings: card.features.map((f) => f.binning),
      keepRows: true,
      classify: (rec, line) => member(rec, line),
    })
    const logits = rowLogits(card, r.rowBins!, r.rows)
    const counts = [new Float64Array(card.pd_edges.length + 1), new Float64Array(card.pd_edges.length + 1)]
    logits.forEach((eta, i) => counts[r.classes![i]][rangeIndex(card.pd_edges, 'right', 1 / (1 + Math.exp(-eta)))]++)
    return {...groupIv(counts[0], counts[1], fill, z), group_rows: counts[1].reduce((s, v) => s + v, 0)}
  }
}
