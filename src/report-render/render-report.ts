/** Renders any infolens report as Markdown (CI summaries, PR comments) or plain text. */
import type {Report} from '../core/report/envelope.js'
import {renderEnvelopeMarkdown} from '../core/report/render/envelope-section.js'
import {familyOf, sectionRendererFor} from './registry.js'

export type RenderFormat = 'markdown' | 'text'

export function renderReport(report: Report<unknown>, format: RenderFormat): string {
  const markdown =
    [
      `## infolens ${reportKind(report)} report`,
      renderEnvelopeMarkdown(report),
      `### Result`,
      sectionRendererFor(report.schema)(report),
    ].join('\n\n') + '\n'
  return format === 'markdown' ? markdown : markdownToText(markdown)
}

/**
 * The heading's name for the report: its family, except that `spectral diff` writes the same
 * schema as `spectral analyze` and is told apart by its `{a, b, diff}` result.
 */
export function reportKind(report: Report<unknown>): string {
  const family = familyOf(report.schema)
  const result = report.result
  const isDiff = family === 'spectral' && result !== null && typeof result === 'object' && 'diff' in result
  return isDiff ? 'spectral diff' : family
}

/** Plain text: drop Markdown emphasis and table separator rows, keep the aligned pipes. */
function markdownToText(md: string): string {
  return md
    .split('\n')
    .filter((line) => !/^\|(-{3}\|)+$/.test(line))
    .map((line) => line.replace(/^#+ /, '').replace(/\*\*(.*?)\*\*/g, '$1'))
    .join('\n')
}
