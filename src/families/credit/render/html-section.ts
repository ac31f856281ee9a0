/**
 * The HTML page sections of the credit reports. bin: the IV table (as in the Markdown rendering),
 * IV with its confidence interval per feature, and WoE bars for the strongest features; psi: PSI
 * against its χ² critical value per feature; scorecard: the fit (as in the Markdown rendering) and
 * the points of every bin of every feature (plus the points of an unmatched value); fairness: the
 * IV frontier chart. Charts are cut to the first MAX_CHART_FEATURES features (highest statistic
 * first) and say so.
 */
import type {Report} from '../../../core/report/envelope.js'
import type {HtmlSection} from '../../../core/report/html/html-section.js'
import {htmlTable, MAX_HTML_ROWS, type HtmlRow} from '../../../core/report/html/html-table.js'
import {markdownToHtml} from '../../../core/report/html/markdown-to-html.js'
import {chartFigure, renderVegaLiteSvg} from '../../../core/report/html/vega-svg.js'
import {asArray, asRecord, asRecords, numberOf, textOf, type Fields} from '../../../core/report/render/result-fields.js'
import type {BinnedFeature} from '../kernels/feature-information.js'
import type {FrontierPoint} from '../kernels/fairness-frontier.js'
import {frontierSvg} from './frontier-plot.js'
import {creditSections} from './report-section.js'
import {woeBarSvg} from './woe-plot.js'

const MAX_CHART_FEATURES = 60
const MAX_WOE_CHARTS = 12

const byDescending = (key: string) => (a: Fields, b: Fields) =>
  (numberOf(b[key]) ?? -Infinity) - (numberOf(a[key]) ?? -Infinity)
const cutNote = (shown: number, total: number, noun: string) =>
  total > shown ? ` The first ${shown} of ${total} ${noun}; all are in the tables.` : ''

/** The y axis of the per-feature charts: one row per feature, in data order, long names kept. */
const y = {field: 'feature', type: 'nominal', sort: null, title: null, axis: {labelLimit: 220}} as const

/** A chart with one row per feature and the given marks layered over it. */
function featureRowsSvg(values: readonly object[], layer: readonly object[]): Promise<string> {
  return renderVegaLiteSvg({width: 360, height: {step: 14}, data: {values}, layer} as never)
}

async function ivChart(features: readonly Fields[]): Promise<string> {
  const values = features.slice(0, MAX_CHART_FEATURES).flatMap((f, i) => {
    const iv = numberOf(f.iv)
    const [lo, hi] = asArray(f.ci).map(numberOf)
    return iv === null ? [] : [{i, feature: textOf(f.feature) ?? '?', iv, lo: lo ?? iv, hi: hi ?? iv}]
  })
  if (values.length === 0) return ''
  const svg = await featureRowsSvg(values, [
    {
      mark: {type: 'rule'},
      encoding: {y, x: {field: 'lo', type: 'quantitative', title: 'IV (CI)'}, x2: {field: 'hi'}},
    },
    {mark: {type: 'point', filled: true}, encoding: {y, x: {field: 'iv', type: 'quantitative'}}},
  ])
  return chartFigure(
    svg,
    `Information value with its confidence interval, highest first.${cutNote(values.length, features.length, 'features')}`,
  )
}

/** WoE bars of the strongest features with a usable bin table. */
async function woeCharts(features: readonly Fields[], woeSign: string): Promise<string> {
  const usable = features.filter((f) => asRecords(f.table).length > 0 && numberOf(f.iv) !== null)
  const charts: string[] = []
  for (const f of usable.slice(0, MAX_WOE_CHARTS)) {
    const table = asRecords(f.table).map((row) => ({bin: textOf(row.bin) ?? '?', woe: numberOf(row.woe) ?? 0}))
    const feature = {
      feature: textOf(f.feature) ?? '?',
      iv: numberOf(f.iv) ?? 0,
      iv_se_delta: numberOf(f.iv_se_delta) ?? 0,
      bins: table.length,
      table,
    }
    charts.push(
      chartFigure(await woeBarSvg(feature as unknown as BinnedFeature, woeSign), `WoE per bin: ${feature.feature}`),
    )
  }
  if (charts.length === 0) return ''
  return `<h4>WoE by bin</h4><div class="charts">${charts.join('')}</div><p class="note">${cutNote(charts.length, usable.length, 'features (highest IV first)').trim() || 'Every feature is shown.'}</p>`
}

async function psiChart(features: readonly Fields[]): Promise<string> {
  const values = features.slice(0, MAX_CHART_FEATURES).flatMap((f, i) => {
    const psi = numberOf(f.psi)
    return psi === null
      ? []
      : [
          {
            i,
            feature: textOf(f.feature) ?? '?',
            psi,
            critical: numberOf(f.critical_psi),
            drift: f.drift === true ? 'drift' : 'stable',
          },
        ]
  })
  if (values.length === 0) return ''
  const svg = await featureRowsSvg(values, [
    {
      mark: {type: 'bar'},
      encoding: {
        y,
        x: {field: 'psi', type: 'quantitative', title: 'PSI'},
        color: {
          field: 'drift',
          type: 'nominal',
          scale: {domain: ['stable', 'drift'], range: ['#2e86c1', '#c0392b']},
          title: null,
        },
      },
    },
    {mark: {type: 'tick', color: '#000', thickness: 2}, encoding: {y, x: {field: 'critical', type: 'quantitative'}}},
  ])
  return chartFigure(
    svg,
    `PSI per feature (bar) and its χ² critical value (black tick).${cutNote(values.length, features.length, 'features')}`,
  )
}

async function frontierChart(r: Fields): Promise<string> {
  const points = asRecords(r.frontier).filter(
    (p) => numberOf(p.epsilon) !== null && numberOf(p.iv_total) !== null && numberOf(p.epsilon)! > 0,
  )
  if (points.length === 0) return ''
  const clean = points.map((p) => ({...p, features: asArray(p.features).map(String)}))
  return chartFigure(
    await frontierSvg(clean as unknown as FrontierPoint[]),
    'Largest total IV within each fairness budget ε.',
  )
}

/** One row per bin of every scorecard feature (highest IV first): feature, bin, points. */
function pointsTable(r: Fields): string {
  const rows = asRecords(r.features)
    .sort(byDescending('iv'))
    .flatMap((f): HtmlRow[] => {
      const feature = textOf(f.feature) ?? '?'
      const labels = asArray(asRecord(f.binning).labels).map(String)
      const points = asArray(f.points).map(numberOf)
      const unmatched = numberOf(f.unmatched_points)
      return [
        ...points.map((p, i) => ({cells: [feature, labels[i] ?? `bin ${i + 1}`, p]})),
        ...(unmatched === null ? [] : [{cells: [feature, '(unmatched value)', unmatched]}]),
      ]
    })
  return [
    '<h4>Points per bin</h4>',
    htmlTable({
      head: ['feature', 'bin', 'points'],
      rows,
      noun: 'bins',
      className: 'scorecard-points',
      maxRows: MAX_HTML_ROWS,
    }),
  ].join('\n')
}

const section = (markdown: string, ...extra: string[]): HtmlSection => ({
  body: [markdownToHtml(markdown), ...extra].join('\n'),
})

export const creditHtmlSections = {
  bin: async (report: Report<unknown>): Promise<HtmlSection> => {
    const r = asRecord(report.result)
    const features = asRecords(r.features).sort(byDescending('iv'))
    return section(
      creditSections.bin(report),
      await ivChart(features),
      await woeCharts(features, textOf(r.woe_sign) ?? ''),
    )
  },
  psi: async (report: Report<unknown>): Promise<HtmlSection> => {
    const features = asRecords(asRecord(report.result).features).sort(byDescending('psi'))
    return section(creditSections.psi(report), await psiChart(features))
  },
  scorecard: (report: Report<unknown>): HtmlSection =>
    section(creditSections.scorecard(report), pointsTable(asRecord(report.result))),
  fairness: async (report: Report<unknown>): Promise<HtmlSection> =>
    section(creditSections.fairness(report), await frontierChart(asRecord(report.result))),
}
