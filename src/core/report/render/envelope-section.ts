/** The part of `report render` shared by every family: what ran, on what inputs, with which engine. */
import type {Report} from '../envelope.js'
import {markdownKeyValues, markdownTable} from './markdown.js'

export function renderEnvelopeMarkdown(report: Report<unknown>): string {
  const e = report.engine
  const parts = [
    markdownKeyValues([
      ['schema', report.schema],
      ['tool', `${report.tool.name} ${report.tool.version}`],
      ['command', report.command.join(' ')],
      ['created', report.createdAt],
      [
        'engine',
        `${e.backend}${e.tfjsVersion ? ` (tfjs ${e.tfjsVersion})` : ''}, float64 linear algebra: ${e.lapack}, threads: ${e.threads}`,
      ],
      ...(report.seed === undefined ? [] : [['seed', report.seed] as const]),
      [
        'time',
        `${Object.values(report.timings)
          .reduce((a, b) => a + b, 0)
          .toFixed(3)} s (${Object.entries(report.timings)
          .map(([k, v]) => `${k} ${v.toFixed(3)} s`)
          .join(', ')})`,
      ],
    ]),
  ]
  if (report.inputs.length > 0) {
    parts.push(
      '**Inputs**\n\n' +
        markdownTable(
          ['path', 'bytes', 'sha256'],
          report.inputs.map((i) => [i.path, i.bytes, i.sha256 === null ? 'not computed' : i.sha256.slice(0, 16) + '…']),
        ),
    )
  }
  if (report.warnings.length > 0) parts.push('**Warnings**\n\n' + report.warnings.map((w) => `- ${w}`).join('\n'))
  return parts.join('\n\n')
}
