/**
 * `credit fairness` end to end, minus the terminal: one counting pass over the table gives, per feature
 * and bin, the rows in and out of the protected group (the proxy IVs) and the group × default table;
 * the frontier then picks feature sets maximising IV for the default under budgets on the group IV.
 * With a scorecard, a second pass gives the IV between the groups' score distributions.
 */
import {normalQuantile} from '../../../core/special/normal.js'
import {writeFileAtomic} from '../../../core/io/atomic-write.js'
import type {Stopwatch} from '../../../core/report/timings.js'
import {readBinningFile} from '../io/binning-file.js'
import {countBins, type RowCell} from '../io/count-bins.js'
import {readScorecardFile} from '../io/scorecard-file.js'
import {columnIndex} from '../io/table-source.js'
import {groupIv, proxyRows, type GroupIv, type ProxyRow} from '../kernels/fairness-analysis.js'
import {enumerateFrontier, mipFrontier, type FrontierPoint} from '../kernels/fairness-frontier.js'
import {rangeIndex} from '../kernels/feature-binning.js'
import {parseProtected} from '../kernels/protected-group.js'
import {TargetClasses} from '../kernels/target-classes.js'
import {rowLogits} from '../kernels/woe-scorecard.js'
import {frontierSvg} from '../render/frontier-plot.js'

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

export interface FairnessRequest {
  readonly data: string
  readonly bins: string
  readonly target: string
  readonly bad?: string
  /** The protected-group expression, e.g. `age_in_years<=25`. */
  readonly protected: string
  readonly card?: string
  /** Features left out of the frontier (the protected column always is). */
  readonly exclude: readonly string[]
  readonly epsilons: readonly number[]
  /** Level of the probabilistic constraint: z = Φ⁻¹(1 − alpha). */
  readonly alpha: number
  readonly solver: 'auto' | 'enumeration' | 'highs'
  readonly zeroFill: number
  readonly plot?: string
}

/** Membership of a row in the protected group: 1 inside, 0 outside. */
type Member = (cell: RowCell, line: number) => number

export async function runCreditFairness(request: FairnessRequest, stopwatch: Stopwatch): Promise<FairnessResult> {
  const {data, zeroFill: fill} = request
  const bins = readBinningFile(request.bins)
  const group = parseProtected(request.protected)
  const z = normalQuantile(1 - request.alpha)
  const classes = new TargetClasses(data, request.target, request.bad ?? bins.bad_label)
  const cross = [
    [0, 0],
    [0, 0],
  ]
  let a = -1
  let t = -1
  const member: Member = (cell, line) => group.member(cell(a), line, data)
  const counted = await stopwatch.time('count', () =>
    countBins(data, {
      binnings: bins.features.map((f) => f.binning),
      onSource: (s) => ([a, t] = [columnIndex(s, group.column, 'protected'), columnIndex(s, request.target, 'target')]),
      classify: (cell, line) => {
        const g = member(cell, line)
        cross[g][classes.slot(cell(t), line)]++
        return g
      },
    }),
  )
  const badSlot = classes.badSlot()
  const good = [cross[0][1 - badSlot], cross[1][1 - badSlot]]
  const groupDefault = groupIv(good, [cross[0][badSlot], cross[1][badSlot]], fill, z)
  const excluded = new Set([group.column, ...request.exclude])
  const proxies = proxyRows(bins.features, counted.counts, fill)
  const candidates = proxies.filter((p) => !excluded.has(p.feature))
  const useMip = request.solver === 'highs' || (request.solver === 'auto' && candidates.length > 25)
  const frontier = await stopwatch.time('frontier', () =>
    useMip ? mipFrontier(candidates, request.epsilons, z) : enumerateFrontier(candidates, request.epsilons, z),
  )
  const scoreIv = request.card ? await groupScoreIv(data, request.card, member, fill, z) : null
  const result = {
    protected: request.protected,
    rows: counted.rows,
    group_rows: cross[1][0] + cross[1][1],
    z,
    group_default_iv: groupDefault,
    score_iv: scoreIv,
    proxies,
    frontier,
  }
  if (request.plot) writeFileAtomic(request.plot, await frontierSvg(frontier))
  return result
}

/** IV between the groups' distributions over the scorecard's train PD deciles. */
async function groupScoreIv(data: string, cardFile: string, member: Member, fill: number, z: number) {
  const card = readScorecardFile(cardFile)
  const r = await countBins(data, {
    binnings: card.features.map((f) => f.binning),
    keepRows: true,
    classify: (cell, line) => member(cell, line),
  })
  const logits = rowLogits(card, r.rowBins!, r.rows)
  const counts = [new Float64Array(card.pd_edges.length + 1), new Float64Array(card.pd_edges.length + 1)]
  logits.forEach((eta, i) => counts[r.classes![i]][rangeIndex(card.pd_edges, 'right', 1 / (1 + Math.exp(-eta)))]++)
  return {...groupIv(counts[0], counts[1], fill, z), group_rows: counts[1].reduce((s, v) => s + v, 0)}
}
