/**
 * Longer than 250 lines on purpose: one small view per credit verb (bin, psi, score, scorecard, fairness), all on
 * the same table helpers.
 *
 * `report render` sections of the credit reports, one view per verb
 * (`infolens.credit.<verb>/1`): bin (information value per feature with its
 * delta-method SE, χ² test and the Siddiqi strength label), psi (stability per
 * feature and the drift gate), scorecard (fit and discrimination: AUC, Gini, KS),
 * score, and fairness (proxy IVs and the IV frontier under fairness budgets).
 * Tables are sorted by the statistic a reviewer scans for (IV, PSI, ε).
 */
import type {Report} from '../../../core/report/envelope.js'
import {formatNumber} from '../../../core/terminal/terminal.js'
import {boundedTable} from '../../../core/report/render/bounded-table.js'
import {markdownKeyValues, markdownTable, type MarkdownCell} from '../../../core/report/render/markdown.js'
import {asArray, asRecord, asRecords, numberOf, textOf, type Fields} from '../../../core/report/render/result-fields.js'

const byDescending = (key: string) => (a: Fields, b: Fields) =>
  (numberOf(b[key]) ?? -Infinity) - (numberOf(a[key]) ?? -Infinity)
const yesNo = (v: unknown): MarkdownCell => (typeof v === 'boolean' ? (v ? 'yes' : 'no') : undefined)

function ciText(ci: unknown): string | undefined {
  const [lo, hi] = asArray(ci).map(numberOf)
  return lo === undefined || hi === undefined ? undefined : `[${formatNumber(lo)}, ${formatNumber(hi)}]`
}

function renderBin(r: Fields): string {
  const features = asRecords(r.features).sort(byDescending('iv'))
  const level = numberOf(features[0]?.ci_level)
  const rows = features.map((f): MarkdownCell[] => [
    textOf(f.feature),
    textOf(f.type),
    numberOf(f.bins),
    numberOf(f.iv),
    numberOf(f.iv_se_delta),
    ciText(f.ci),
    numberOf(f.chi2_p),
    textOf(f.strength),
  ])
  const noted = features.filter((f) => asArray(f.notes).length > 0)
  const parts = [
    '#### Binning',
    markdownKeyValues([
      ['target', textOf(r.target)],
      ['bad / good', `${textOf(r.bad_label) ?? '?'} / ${textOf(r.good_label) ?? '?'}`],
      ['rows', numberOf(r.rows)],
      ['goods', numberOf(r.goods)],
      ['bads', numberOf(r.bads)],
      ['method', textOf(r.method)],
      ['WoE sign', textOf(r.woe_sign)],
      ['features', features.length],
    ]),
    '#### Information value (highest first)',
    boundedTable(
      [
        'feature',
        'type',
        'bins',
        'iv',
        'iv_se',
        `${level === null ? '' : `${formatNumber(100 * level, 0)} % `}CI`,
        'chi2_p',
        'strength',
      ],
      rows,
      'features',
    ),
  ]
  if (noted.length > 0)
    parts.push(
      '#### Notes',
      noted
        .slice(0, 20)
        .map((f) => `- ${textOf(f.feature)}: ${asArray(f.notes).join('; ')}`)
        .join('\n'),
    )
  return parts.join('\n\n')
}

function gateText(gate: string | undefined, drifted: readonly string[]): string {
  const names = drifted.slice(0, 10).join(', ') + (drifted.length > 10 ? `, … (${drifted.length - 10} more)` : '')
  if (!gate)
    return `no \`--fail-on\` gate; ${drifted.length} feature(s) drift by the χ² test${drifted.length > 0 ? `: ${names}` : ''}`
  return drifted.length === 0
    ? `\`--fail-on ${gate}\`: **passed**`
    : `\`--fail-on ${gate}\`: **failed**, ${drifted.length} feature(s): ${names}`
}

function renderPsi(r: Fields, options: Fields): string {
  const features = asRecords(r.features).sort(byDescending('psi'))
  const rows = features.map((f): MarkdownCell[] => [
    textOf(f.feature),
    numberOf(f.bins),
    numberOf(f.psi),
    numberOf(f.psi_se_delta),
    numberOf(f.critical_psi),
    numberOf(f.chi2_p),
    yesNo(f.drift),
    textOf(f.rule_of_thumb),
  ])
  return [
    '#### Population stability',
    markdownKeyValues([
      ['expected rows', numberOf(r.expected_rows)],
      ['actual rows', numberOf(r.actual_rows)],
      ['alpha (χ² test)', numberOf(r.alpha)],
      ...(typeof r.fixed_reference === 'boolean'
        ? ([['EXPECTED as a fixed reference', yesNo(r.fixed_reference)]] as [string, MarkdownCell][])
        : []),
      ['features', features.length],
      ['drifting (χ² test)', features.filter((f) => f.drift === true).length],
      ['PSI > 0.25', features.filter((f) => (numberOf(f.psi) ?? 0) > 0.25).length],
    ]),
    '#### Gate',
    gateText(textOf(options['fail-on']), asArray(r.drifted).map(String)),
    '#### PSI per feature (highest first)',
    boundedTable(
      ['feature', 'bins', 'psi', 'psi_se', 'critical_psi', 'chi2_p', 'drift', 'rule of thumb'],
      rows,
      'features',
    ),
  ].join('\n\n')
}

function sampleRow(name: string, s: Fields): MarkdownCell[] {
  return [name, numberOf(s.rows), numberOf(s.mean_score), numberOf(s.auc), numberOf(s.gini), numberOf(s.ks)]
}

function pointsRange(points: unknown): string | undefined {
  const p = asArray(points)
    .map(numberOf)
    .filter((x): x is number => x !== null)
  return p.length === 0 ? undefined : `${formatNumber(Math.min(...p), 1)} … ${formatNumber(Math.max(...p), 1)}`
}

function renderScorecard(r: Fields): string {
  const scaling = asRecord(r.scaling)
  const features = asRecords(r.features).sort(byDescending('iv'))
  const samples = [sampleRow('train', asRecord(r.train)), ...(r.test ? [sampleRow('test', asRecord(r.test))] : [])]
  const parts = [
    '#### Scorecard',
    markdownKeyValues([
      ['target', textOf(r.target)],
      ['bad label', textOf(r.bad_label)],
      ['features', features.length],
      ['dropped', asArray(r.dropped).length],
      ['IRLS', `${textOf(r.iterations) ?? '?'} iterations, ${r.converged === true ? 'converged' : 'NOT converged'}`],
      ['AIC', numberOf(r.aic)],
      [
        'scaling',
        `${formatNumber(numberOf(scaling.base_points))} points at odds ${formatNumber(numberOf(scaling.base_odds))}:1, ${formatNumber(numberOf(scaling.pdo))} points to double the odds`,
      ],
    ]),
    '#### Discrimination',
    markdownTable(['sample', 'rows', 'mean score', 'AUC', 'Gini', 'KS'], samples),
  ]
  const psi = asRecord(r.score_psi)
  if ('psi' in psi) {
    parts.push(
      '#### Score stability (train → test)',
      markdownKeyValues([
        ['psi', numberOf(psi.psi)],
        ['psi_se', numberOf(psi.psi_se_delta)],
        ['critical_psi', numberOf(psi.critical_psi)],
        ['chi2_p', numberOf(psi.chi2_p)],
        ['drift', yesNo(psi.drift)],
        ['rule of thumb', textOf(psi.rule_of_thumb)],
      ]),
    )
  }
  const rows = features.map((f): MarkdownCell[] => [
    textOf(f.feature),
    numberOf(f.iv),
    numberOf(f.coefficient),
    numberOf(f.se),
    numberOf(f.z),
    numberOf(f.p),
    pointsRange(f.points),
  ])
  parts.push(
    '#### Features (highest IV first)',
    boundedTable(['feature', 'iv', 'coefficient', 'se', 'z', 'p', 'points'], rows, 'features'),
  )
  return parts.join('\n\n')
}

function renderScore(r: Fields): string {
  const m = r.metrics === null ? undefined : asRecord(r.metrics)
  return [
    '#### Scores',
    markdownKeyValues([
      ['rows', numberOf(r.rows)],
      ['mean score', numberOf(r.mean_score)],
      ['min score', numberOf(r.min_score)],
      ['max score', numberOf(r.max_score)],
      ...(m
        ? ([
            ['AUC', numberOf(m.auc)],
            ['Gini', numberOf(m.gini)],
            ['KS', numberOf(m.ks)],
          ] as [string, MarkdownCell][])
        : [['metrics', 'no target column: none'] as [string, MarkdownCell]]),
    ]),
  ].join('\n\n')
}

function ivText(iv: Fields): string | undefined {
  if (numberOf(iv.iv) === null) return undefined
  return `${formatNumber(numberOf(iv.iv))} ± ${formatNumber(numberOf(iv.se))} (upper bound ${formatNumber(numberOf(iv.upper))}, ${textOf(iv.bins) ?? '?'} bins)`
}

function renderFairness(r: Fields): string {
  const frontier = asRecords(r.frontier).sort(
    (a, b) =>
      (numberOf(a.epsilon) ?? Infinity) - (numberOf(b.epsilon) ?? Infinity) ||
      String(a.kind).localeCompare(String(b.kind)),
  )
  const frontierRows = frontier.map((p): MarkdownCell[] => {
    const names = asArray(p.features).map(String)
    return [
      p.epsilon === null ? 'inf (no budget)' : numberOf(p.epsilon),
      textOf(p.kind),
      numberOf(p.iv_total),
      numberOf(p.cost),
      names.length,
      names.slice(0, 6).join(', ') + (names.length > 6 ? ', …' : ''),
      textOf(p.solver),
    ]
  })
  const proxies = asRecords(r.proxies).sort(byDescending('iv_protected'))
  return [
    '#### Fairness',
    markdownKeyValues([
      ['protected group', textOf(r.protected)],
      ['rows', numberOf(r.rows)],
      ['rows in the group', numberOf(r.group_rows)],
      ['z (one-sided level)', numberOf(r.z)],
      ['IV of group vs default', ivText(asRecord(r.group_default_iv))],
      ['IV of group vs score', r.score_iv === null ? 'no --card' : ivText(asRecord(r.score_iv))],
    ]),
    '#### IV frontier (largest total IV within each budget ε of Σ IV of the group)',
    boundedTable(
      ['epsilon', 'kind', 'iv_total', 'cost', 'features', 'selected (first 6)', 'solver'],
      frontierRows,
      'frontier points',
    ),
    '#### Proxy features (highest IV for the group first)',
    boundedTable(
      ['feature', 'iv_target', 'iv_protected', 'se_protected', 'bins'],
      proxies.map((p) => [
        textOf(p.feature),
        numberOf(p.iv_target),
        numberOf(p.iv_protected),
        numberOf(p.se_protected),
        numberOf(p.bins),
      ]),
      'features',
    ),
  ].join('\n\n')
}

/** One section renderer per credit verb (registry.ts maps each schema id to one). */
export const creditSections = {
  bin: (report: Report<unknown>) => renderBin(asRecord(report.result)),
  psi: (report: Report<unknown>) => renderPsi(asRecord(report.result), asRecord(report.options)),
  scorecard: (report: Report<unknown>) => renderScorecard(asRecord(report.result)),
  score: (report: Report<unknown>) => renderScore(asRecord(report.result)),
  fairness: (report: Report<unknown>) => renderFairness(asRecord(report.result)),
}
