/**
 * The HTML page sections of the uncertainty reports. `uq score` (`infolens.uq/1`): the measure
 * summary (as in the Markdown rendering) and the prediction-rejection curves of the labelled rows,
 * computed from the per-row measures in the report. `uq evaluate`: the AUROC/PRR table and a
 * chart of AUROC and PRR per measure with ± one bootstrap sd.
 */
import type {Report} from '../../../core/report/envelope.js'
import type {HtmlSection} from '../../../core/report/html/html-section.js'
import {markdownToHtml} from '../../../core/report/html/markdown-to-html.js'
import {chartFigure, renderVegaLiteSvg} from '../../../core/report/html/vega-svg.js'
import {asArray, asRecord, asRecords, numberOf, textOf} from '../../../core/report/render/result-fields.js'
import {rejectionCurvesSvg} from './rejection-plot.js'
import {uqSections} from './report-section.js'

/** Bounds that keep the curves' SVG small: rows and measures drawn. */
const MAX_CURVE_ROWS = 1000
const MAX_CURVE_MEASURES = 8

async function rejectionHtml(report: Report<unknown>): Promise<string> {
  const r = asRecord(report.result)
  const labelled = asRecords(r.rows).filter((row) => numberOf(row.correct) !== null)
  if (labelled.length === 0) return '<p class="note">No labelled rows (no `correct` field): no rejection curves.</p>'
  const rows = labelled.slice(0, MAX_CURVE_ROWS)
  const measures = asArray(r.measures)
    .map(String)
    .filter((m) => rows.some((row) => numberOf(row[m]) !== null))
  const shown = measures.slice(0, MAX_CURVE_MEASURES)
  const svg = await rejectionCurvesSvg(
    rows.map((row) => numberOf(row.correct) ?? 0),
    shown.map((measure) => ({measure, values: rows.map((row) => numberOf(row[measure]))})),
  )
  const cuts = [
    labelled.length > rows.length ? `the first ${rows.length} of ${labelled.length} labelled rows` : '',
    measures.length > shown.length ? `the first ${shown.length} of ${measures.length} measures` : '',
  ].filter(Boolean)
  return chartFigure(
    svg,
    `Accuracy of the retained answers as the most uncertain are rejected${cuts.length ? ` (${cuts.join(', ')})` : ''}.`,
  )
}

async function metricChartHtml(report: Report<unknown>): Promise<string> {
  const values = asRecords(asRecord(report.result).measures).flatMap((m) =>
    ['auroc', 'prr'].flatMap((metric) => {
      const v = numberOf(m[metric])
      const boot = asRecord(asRecord(m.bootstrap)[metric])
      const sd = numberOf(boot.sd ?? boot.std) ?? 0
      return v === null || !Number.isFinite(v)
        ? []
        : [{measure: textOf(m.measure) ?? '?', metric: metric.toUpperCase(), v, lo: v - sd, hi: v + sd}]
    }),
  )
  if (values.length === 0) return ''
  const svg = await renderVegaLiteSvg({
    data: {values},
    facet: {column: {field: 'metric', type: 'nominal', title: null}},
    spec: {
      width: 280,
      height: {step: 16} as never,
      layer: [
        {
          mark: {type: 'rule'},
          encoding: {
            y: {field: 'measure', type: 'nominal', title: null},
            x: {field: 'lo', type: 'quantitative', title: 'value ± bootstrap sd'},
            x2: {field: 'hi'},
          },
        },
        {
          mark: {type: 'point', filled: true},
          encoding: {y: {field: 'measure', type: 'nominal'}, x: {field: 'v', type: 'quantitative'}},
        },
      ],
    },
    resolve: {scale: {x: 'independent'}},
  } as never)
  return chartFigure(svg, 'AUROC and PRR per measure, with ± one bootstrap standard deviation.')
}

export const uqHtmlSections = {
  score: async (report: Report<unknown>): Promise<HtmlSection> => ({
    body: [markdownToHtml(uqSections.score(report)), '<h4>Rejection curves</h4>', await rejectionHtml(report)].join(
      '\n',
    ),
  }),
  evaluate: async (report: Report<unknown>): Promise<HtmlSection> => ({
    body: [markdownToHtml(uqSections.evaluate(report)), await metricChartHtml(report)].join('\n'),
  }),
}
