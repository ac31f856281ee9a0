/** Terminal rendering of `credit fairness`. */
import type {FairnessResult} from '../schema.js'
import {formatNumber, renderKeyValues, renderTable} from '../../../core/terminal/terminal.js'

export function renderFairness(r: FairnessResult): string {
  const head = renderKeyValues([
    ['protected group', `${r.protected}: ${r.group_rows} of ${r.rows} rows`],
    ['IV(group → default)', `${formatNumber(r.group_default_iv.iv)} (SE ${formatNumber(r.group_default_iv.se)})`],
    [
      'score-level IV between groups',
      r.score_iv
        ? `${formatNumber(r.score_iv.iv)} (SE ${formatNumber(r.score_iv.se)}, upper ${formatNumber(r.score_iv.upper)})`
        : '- (pass --card)',
    ],
  ])
  const proxies = renderTable(
    ['feature', 'proxy IV', 'SE', 'IV vs target'],
    [...r.proxies]
      .sort((a, b) => b.iv_protected - a.iv_protected)
      .map((p) => [p.feature, p.iv_protected, p.se_protected, p.iv_target]),
  )
  const frontier = renderTable(
    ['ε', 'kind', 'Σ IV target', 'cost', 'features', 'solver'],
    r.frontier.map((p) => [p.epsilon ?? 'inf', p.kind, p.iv_total, p.cost, p.features.length, p.solver]),
  )
  return `${head}\n${proxies}\n${frontier}`
}
