/**
 * The envelope of a report on the HTML page: tool and version, command, creation time, engine,
 * seed, timings, inputs with their full SHA-256, options and warnings.
 */
import type {Report} from '../envelope.js'
import {escapeHtml} from './escape-html.js'
import {htmlKeyValues, htmlTable, type HtmlCell} from './html-table.js'

function optionText(value: unknown): HtmlCell {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return value as HtmlCell
  return JSON.stringify(value)
}

export function renderEnvelopeHtml(report: Report<unknown>): string {
  const e = report.engine ?? ({} as Report<unknown>['engine'])
  const timings = Object.entries(report.timings ?? {})
  const total = timings.reduce((a, [, v]) => a + (typeof v === 'number' ? v : 0), 0)
  const parts = [
    htmlKeyValues([
      ['schema', report.schema],
      ['tool', `${report.tool?.name ?? '?'} ${report.tool?.version ?? '?'}`],
      ['command', (report.command ?? []).join(' ')],
      ['created', report.createdAt],
      [
        'engine',
        `${e.backend}${e.tfjsVersion ? ` (tfjs ${e.tfjsVersion})` : ''}, float64 linear algebra: ${e.lapack}, threads: ${e.threads}`,
      ],
      ...(report.seed === undefined ? [] : [['seed', report.seed] as const]),
      ['time (s)', total],
    ]),
  ]
  if (timings.length > 0)
    parts.push('<h5>Timings (s)</h5>', htmlTable({head: ['step', 'seconds'], rows: timings, noun: 'steps'}))
  const inputs = report.inputs ?? []
  if (inputs.length > 0)
    parts.push(
      '<h5>Inputs</h5>',
      htmlTable({
        head: ['path', 'bytes', 'sha256'],
        rows: inputs.map((i) => [i.path, i.bytes, i.sha256 ?? 'not computed']),
        noun: 'inputs',
        className: 'inputs',
      }),
    )
  const options = Object.entries(report.options ?? {})
  if (options.length > 0)
    parts.push(
      '<details><summary>Options</summary>',
      htmlKeyValues(options.map(([k, v]) => [k, optionText(v)])),
      '</details>',
    )
  const warnings = report.warnings ?? []
  if (warnings.length > 0)
    parts.push(
      '<h5>Warnings</h5>',
      `<ul class="warnings">${warnings.map((w) => `<li>${escapeHtml(String(w))}</li>`).join('')}</ul>`,
    )
  return `<div class="envelope">${parts.join('\n')}</div>`
}
