/** Renders any infolens report as Markdown (CI summaries, PR comments) or plain text. */
import type {Report} from '../envelope.js'
import {renderEnvelopeMarkdown} from './envelope-section.js'
import {familyOf, sectionRendererFor} from './registry.js'

export type RenderFormat = 'markdown' | 'text'

export function renderReport(report: Report<unknown>, format: RenderFormat): string {
  const family = familyOf(report.schema)
  const markdown = [`## infolens ${family} report`, renderEnvelopeMarkdown(report), `### Result`, sectionRendererFor(report.schema)(report)].join('\n\n') + '\n'
  return format === 'markdown' ? markdown : markdownToText(markdown)
}

/** Plain text: drop Markdown emphasis and table separator rows, keep the aligned pipes. */
function markdownToText(md: string): string {
  return md
    .split('\n')
    .filter((line) => !/^\|(-{3}\|)+$/.test(line))
    .map((line) => line.replace(/^#+ /, '').replace(/\*\*(.*?)\*\*/g, '$1'))
    .join('\n')
}
