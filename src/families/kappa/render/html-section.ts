/**
 * The HTML page section of `infolens.kappa/1`: the plan (as in the Markdown rendering), the κ
 * ranking of every candidate tensor as a chart and a sortable table with the selected tensors
 * highlighted (filterable by selected / not selected), and the configs the plan emits: the PEFT
 * LoraConfig and the Axolotl fragment, with the LoRA settings recorded in the report's options.
 */
import type {Report} from '../../../core/report/envelope.js'
import {escapeHtml} from '../../../core/report/html/escape-html.js'
import type {HtmlSection} from '../../../core/report/html/html-section.js'
import {htmlTable, MAX_HTML_ROWS, type HtmlRow} from '../../../core/report/html/html-table.js'
import {markdownToHtml} from '../../../core/report/html/markdown-to-html.js'
import {chartFigure, renderVegaLiteSvg} from '../../../core/report/html/vega-svg.js'
import {asArray, asRecord, asRecords, numberOf, textOf, type Fields} from '../../../core/report/render/result-fields.js'
import {distinguishingLabels, LABEL_PX_PER_CHAR} from '../../../core/report/render/distinguishing-labels.js'
import type {KappaPlan} from '../kernels/build-plan.js'
import {renderAxolotlFragment} from '../io/formats/axolotl-fragment.js'
import {renderPeftConfig, type LoraSettings} from '../io/formats/peft-config.js'
import {renderKappaSection} from './report-section.js'

/** Bars in the ranking chart; the table holds up to MAX_HTML_ROWS. */
const MAX_CHART_TENSORS = 120

function rankedCandidates(tensors: readonly Fields[]): Fields[] {
  return tensors
    .filter((t) => numberOf(t.kappa) !== null)
    .sort((a, b) => (numberOf(a.kappa) ?? Infinity) - (numberOf(b.kappa) ?? Infinity))
}

async function rankingChart(ranked: readonly Fields[]): Promise<string> {
  const values = ranked
    .slice(0, MAX_CHART_TENSORS)
    .filter((t) => Number.isFinite(numberOf(t.kappa)))
    .map((t, i) => ({
      i,
      name: textOf(t.name) ?? '?',
      log10kappa: Math.log10(Math.max(1, numberOf(t.kappa) ?? 1)),
      selected: t.selected === true ? 'selected' : 'not selected',
    }))
  if (values.length === 0) return '<p class="note">No tensor has a finite κ to plot.</p>'
  // the distinguishing tail of each name: cut at a fixed width, every label read "model.layers.0.self_at…"
  const labels = distinguishingLabels(values.map((v) => v.name))
  const labelled = values.map((v, i) => ({...v, label: labels[i]}))
  const labelLimit = LABEL_PX_PER_CHAR * Math.max(1, ...labels.map((l) => l.length))
  const svg = await renderVegaLiteSvg({
    width: Math.max(300, 12 * values.length),
    height: 220,
    data: {values: labelled},
    mark: {type: 'bar'},
    encoding: {
      x: {
        field: 'label',
        type: 'nominal',
        sort: {field: 'i'},
        title: 'tensor (lowest κ first)',
        axis: {labelAngle: -60, labelLimit},
      },
      y: {field: 'log10kappa', type: 'quantitative', title: 'log10 κ'},
      color: {
        field: 'selected',
        type: 'nominal',
        scale: {domain: ['selected', 'not selected'], range: ['#2e86c1', '#c8ced6']},
        title: null,
      },
    },
  })
  const cut = ranked.length > MAX_CHART_TENSORS ? `; the ${MAX_CHART_TENSORS} lowest of ${ranked.length}` : ''
  return chartFigure(svg, `κ = σ_max/σ_min of every candidate tensor, selected ones in blue${cut}.`)
}

function rankingRows(ranked: readonly Fields[]): HtmlRow[] {
  return ranked.map((t) => ({
    status: t.selected === true ? 'selected' : 'not selected',
    cells: [
      numberOf(t.rank_position),
      textOf(t.name),
      asArray(t.shape).join('×'),
      numberOf(t.kappa),
      numberOf(t.kappa_mp),
      numberOf(t.log_volume_gap_per_dim),
      t.selected === true ? 'selected' : 'not selected',
    ],
  }))
}

/** The emitted configs, when the report carries a selection to emit. */
function configsHtml(result: Fields, options: Fields): string {
  const selection = asRecord(result.selection)
  const complete = ['target_modules', 'target_parameters', 'parameters'].every((k) => Array.isArray(selection[k]))
  if (!complete) return ''
  const lora: LoraSettings = {
    r: numberOf(options['lora-r']) ?? 16,
    alpha: numberOf(options['lora-alpha']) ?? 32,
    dropout: 0.05,
  }
  const plan = result as unknown as KappaPlan
  const adapter = options.adapter === 'full' ? 'full' : 'lora'
  return [
    '<h4>Emitted configs</h4>',
    `<details open><summary>PEFT LoraConfig (<code>--format peft</code>)</summary><pre class="config">${escapeHtml(renderPeftConfig(plan, lora))}</pre></details>`,
    `<details><summary>Axolotl fragment (<code>--format axolotl --adapter ${adapter}</code>)</summary><pre class="config">${escapeHtml(renderAxolotlFragment(plan, adapter, lora))}</pre></details>`,
  ].join('\n')
}

export async function renderKappaHtml(report: Report<unknown>): Promise<HtmlSection> {
  const result = asRecord(report.result)
  const ranked = rankedCandidates(asRecords(result.tensors))
  const body = [
    markdownToHtml(renderKappaSection(report)),
    '<h4>κ ranking of all candidates</h4>',
    await rankingChart(ranked),
    htmlTable({
      head: ['rank', 'tensor', 'shape', 'kappa', 'kappa_mp', 'log-volume gap/dim', 'plan'],
      rows: rankingRows(ranked),
      noun: 'tensors',
      statusFilter: true,
      className: 'kappa-ranking',
      maxRows: MAX_HTML_ROWS,
    }),
    configsHtml(result, asRecord(report.options)),
  ]
  return {body: body.join('\n')}
}
