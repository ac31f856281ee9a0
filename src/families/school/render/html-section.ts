/**
 * The HTML page section of `infolens.school/1`: the run summary (as in the Markdown rendering)
 * with the P/M/OSI and entropy time series, read from the run's NetCDF file (`--nc`) when the
 * report names one that can be read; for `school sweep`, the phase diagram: each metric's mean
 * over seeds against the swept parameter.
 */
import type {Report} from '../../../core/report/envelope.js'
import {escapeHtml} from '../../../core/report/html/escape-html.js'
import type {HtmlSection} from '../../../core/report/html/html-section.js'
import {markdownToHtml} from '../../../core/report/html/markdown-to-html.js'
import {chartFigure, renderVegaLiteSvg} from '../../../core/report/html/vega-svg.js'
import {asRecord, asRecords, numberOf, textOf, type Fields} from '../../../core/report/render/result-fields.js'
import {readTrajectory} from '../io/trajectory-netcdf.js'
import {metricNames, type MetricName} from '../kernels/school-metrics.js'
import {schoolPlotSvg} from './plot.js'
import {renderSchoolSection} from './report-section.js'

async function timeSeriesHtml(r: Fields): Promise<string> {
  const path = textOf(r.netcdf)
  if (!path) return '<p class="note">No time series: the run wrote no NetCDF file (school simulate --nc FILE).</p>'
  try {
    const t = readTrajectory(path)
    const n = t.time.length
    const complete = metricNames.every((m) => t.stored[m]?.length === n)
    if (!complete)
      return `<p class="note">No time series: ${escapeHtml(path)} holds no per-frame metrics of a single run.</p>`
    const series = Object.fromEntries(metricNames.map((m) => [m, Array.from(t.stored[m])])) as Record<
      MetricName,
      number[]
    >
    const svg = await schoolPlotSvg('order parameters and entropies over time', Array.from(t.time), series)
    return chartFigure(
      svg,
      `P, M, OSI and the normalised entropies per frame, from ${path} (at most 1000 points per curve).`,
    )
  } catch (error) {
    return `<p class="note">No time series: ${escapeHtml(path)} could not be read (${escapeHtml((error as Error).message)}).</p>`
  }
}

async function phaseDiagramHtml(r: Fields): Promise<string> {
  const parameter = textOf(r.parameter) ?? 'value'
  const values = asRecords(r.rows).flatMap((row) =>
    Object.entries(asRecord(row.mean)).flatMap(([metric, v]) => {
      const x = numberOf(row.value)
      const y = numberOf(v)
      return x !== null && y !== null && Number.isFinite(y) ? [{x, y, metric}] : []
    }),
  )
  if (values.length === 0) return '<p class="note">No sweep values to plot.</p>'
  const svg = await renderVegaLiteSvg({
    width: 560,
    height: 280,
    data: {values},
    mark: {type: 'line', point: true},
    encoding: {
      x: {field: 'x', type: 'quantitative', title: parameter},
      y: {field: 'y', type: 'quantitative', title: textOf(r.statistic) ?? 'mean'},
      color: {field: 'metric', type: 'nominal', title: null},
    },
  })
  return chartFigure(
    svg,
    `Phase diagram: each metric's ${textOf(r.statistic) ?? 'mean'} over seeds against ${parameter}.`,
  )
}

export async function renderSchoolHtml(report: Report<unknown>): Promise<HtmlSection> {
  const r = asRecord(report.result)
  const isSweep = 'rows' in r && 'parameter' in r
  const chart = isSweep ? await phaseDiagramHtml(r) : await timeSeriesHtml(r)
  return {
    body: [
      markdownToHtml(renderSchoolSection(report)),
      `<h4>${isSweep ? 'Phase diagram' : 'Time series'}</h4>`,
      chart,
    ].join('\n'),
  }
}
