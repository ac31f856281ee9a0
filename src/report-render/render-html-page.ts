/**
 * `report render --format html`: one self-contained page for one or more reports (e.g. every
 * report of a CI job), a table of contents when there are several, and per report its envelope
 * and its family's section.
 */
import {basename} from 'node:path'
import type {Report} from '../core/report/envelope.js'
import {anchorId} from '../core/report/html/escape-html.js'
import {renderEnvelopeHtml} from '../core/report/html/envelope-block.js'
import type {PageEntry} from '../core/report/html/html-section.js'
import {renderHtmlPage} from '../core/report/html/page-shell.js'
import {toolName, toolVersion} from '../core/version.js'
import {htmlSectionRendererFor} from './html-registry.js'
import {reportKind} from './render-report.js'

export interface LoadedReport {
  readonly file: string
  readonly report: Report<unknown>
}

export async function renderHtmlReportPage(reports: readonly LoadedReport[]): Promise<string> {
  // every renderer is looked up first, so an unknown family fails before any work
  const renderers = reports.map(({file, report}) => htmlSectionRendererFor(report.schema, file))
  const entries: PageEntry[] = []
  for (const [i, {file, report}] of reports.entries()) {
    const kind = reportKind(report)
    const section = await renderers[i](report)
    entries.push({
      id: `report-${i + 1}-${anchorId(kind)}`,
      title: `infolens ${kind} report`,
      subtitle: `${basename(file)} · ${report.schema} · ${report.createdAt}`,
      section: {
        body: ['<h3>Run</h3>', renderEnvelopeHtml(report), '<h3>Result</h3>', section.body].join('\n'),
        scripts: section.scripts,
      },
    })
  }
  const title =
    reports.length === 1 ? `infolens ${reportKind(reports[0].report)} report` : `infolens: ${reports.length} reports`
  return renderHtmlPage({title, generator: `${toolName} ${toolVersion} report render --format html`}, entries)
}
