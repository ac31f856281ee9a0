/**
 * The HTML page section of `infolens.spectral/1`: the summary and gate, α by layer depth (an
 * inline SVG with the [2, 6] band), and the layer table, sortable, filterable by status, where a
 * click on a layer draws its ESD with the power-law fit (esd-click-script.ts). `spectral diff`
 * reports show their deltas as in the Markdown rendering.
 */
import type {Report} from '../../../core/report/envelope.js'
import type {HtmlSection} from '../../../core/report/html/html-section.js'
import {jsonForScript, escapeHtml} from '../../../core/report/html/escape-html.js'
import {htmlTable, MAX_HTML_ROWS, type HtmlRow} from '../../../core/report/html/html-table.js'
import {markdownToHtml} from '../../../core/report/html/markdown-to-html.js'
import {chartFigure} from '../../../core/report/html/vega-svg.js'
import {markdownKeyValues} from '../../../core/report/render/markdown.js'
import {asArray, asRecord, asRecords, numberOf, textOf, type Fields} from '../../../core/report/render/result-fields.js'
import {alphaChartSvg} from './esd-plots.js'
import {esdClickScript} from './esd-click-script.js'
import {esdPageLayer, loadReportEigenvalues} from './esd-page-data.js'
import {
  flags,
  gateSection,
  renderSpectralSection,
  shapeCell,
  skippedSection,
  spectralLayerOrder,
  summaryPairs,
} from './report-section.js'

/** One status per layer for the filter: the most severe flag. */
function layerStatus(layer: Fields, gated: ReadonlySet<string>): string {
  if (layer.status === 'failed') return 'failed'
  if (gated.has(String(layer.name))) return 'gate'
  return flags(layer, gated)[0] ?? 'ok'
}

async function alphaFigure(layers: readonly Fields[]): Promise<string> {
  const points = layers
    .map((l) => ({name: textOf(l.name) ?? '?', alpha: numberOf(l.alpha)}))
    .filter((p) => p.alpha !== null && Number.isFinite(p.alpha))
    .slice(0, MAX_HTML_ROWS)
  if (points.length === 0) return '<p class="note">No layer has a power-law fit to plot.</p>'
  const cut = layers.length > MAX_HTML_ROWS ? ` (first ${MAX_HTML_ROWS} layers)` : ''
  return chartFigure(
    await alphaChartSvg(points),
    `α by layer depth, in checkpoint order${cut}; dashed: α = 2 and α = 6.`,
  )
}

async function renderAnalysisHtml(result: Fields): Promise<HtmlSection> {
  const layers = asRecords(result.layers)
  const gate = result.gate === undefined ? undefined : asRecord(result.gate)
  const gated = new Set(asArray(gate?.failed).map(String))
  const ordered = spectralLayerOrder(layers, gated).slice(0, MAX_HTML_ROWS)
  const {byName, note} = loadReportEigenvalues(result)
  const esd = ordered.map((l) => esdPageLayer(l, byName.get(String(l.name))))
  const rows: HtmlRow[] = ordered.map((l, i) => ({
    rowKey: i,
    status: layerStatus(l, gated),
    cells: [
      textOf(l.name),
      numberOf(l.layer_id),
      shapeCell(l),
      numberOf(l.alpha),
      numberOf(l.alpha_weighted),
      numberOf(l.D),
      numberOf(l.stable_rank),
      numberOf(l.setol_gap),
      layerStatus(l, gated),
    ],
  }))
  const md = ['#### Summary', markdownKeyValues(summaryPairs(result, layers))]
  if (gate) md.push(gateSection(gate))
  const body = [
    markdownToHtml(md.join('\n\n')),
    '<h4>α by layer</h4>',
    await alphaFigure(layers),
    '<h4>Layers</h4>',
    '<p class="note">Flagged layers first (failed fit, matched by the gate, α outside [2, 6]). Click a column to sort, a layer to see its ESD.</p>',
    `<div class="spectral-layers">${htmlTable({
      head: ['layer', 'depth', 'N×M', 'alpha', 'alpha_weighted', 'D', 'stable_rank', 'setol_gap', 'status'],
      rows,
      noun: 'layers',
      statusFilter: true,
      className: 'layers',
    })}</div>`,
    layers.length > MAX_HTML_ROWS
      ? `<p class="note">Showing ${MAX_HTML_ROWS} of ${layers.length} layers (flagged first); the others are in the JSON report.</p>`
      : '',
    note ? `<p class="note">${escapeHtml(note)}</p>` : '',
    '<div class="esd-panel" aria-live="polite"><p class="note">Click a layer to draw its ESD and power-law fit.</p></div>',
    `<script type="application/json" class="esd-data">${jsonForScript(esd)}</script>`,
  ]
  body.push(markdownToHtml(skippedSection(result)))
  return {body: body.join('\n'), scripts: [esdClickScript]}
}

export async function renderSpectralHtml(report: Report<unknown>): Promise<HtmlSection> {
  const result = asRecord(report.result)
  if ('diff' in result) return {body: markdownToHtml(renderSpectralSection(report))}
  return renderAnalysisHtml(result)
}
