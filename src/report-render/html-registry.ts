/**
 * HTML page sections by report schema id. Families with charts or interactive tables have their
 * own view (`src/families/<family>/render/html-section.ts`); every other listed schema shows its
 * Markdown section as HTML. A schema id this infolens does not list shows the report's raw JSON
 * when its family is known (a newer schema version), and is refused when the family is not.
 */
import type {Report} from '../core/report/envelope.js'
import {InputError} from '../core/errors.js'
import type {HtmlSection} from '../core/report/html/html-section.js'
import {markdownToHtml} from '../core/report/html/markdown-to-html.js'
import {renderRawJsonHtml} from '../core/report/html/raw-json-block.js'
import {creditHtmlSections} from '../families/credit/render/html-section.js'
import {renderKappaHtml} from '../families/kappa/render/html-section.js'
import {renderSchoolHtml} from '../families/school/render/html-section.js'
import {renderSpectralHtml} from '../families/spectral/render/html-section.js'
import {uqHtmlSections} from '../families/uq/render/html-section.js'
import {familyOf, isKnownFamily, isRegisteredSchema, sectionRendererFor} from './registry.js'

export type HtmlSectionRenderer = (report: Report<unknown>) => HtmlSection | Promise<HtmlSection>

const htmlRenderers: Readonly<Record<string, HtmlSectionRenderer>> = {
  'infolens.credit.bin/1': creditHtmlSections.bin,
  'infolens.credit.fairness/1': creditHtmlSections.fairness,
  'infolens.credit.psi/1': creditHtmlSections.psi,
  'infolens.credit.scorecard/1': creditHtmlSections.scorecard,
  'infolens.kappa/1': renderKappaHtml,
  'infolens.school/1': renderSchoolHtml,
  'infolens.spectral/1': renderSpectralHtml,
  'infolens.uq/1': uqHtmlSections.score,
  'infolens.uq.evaluate/1': uqHtmlSections.evaluate,
}

const fromMarkdown: HtmlSectionRenderer = (report) => ({
  body: markdownToHtml(sectionRendererFor(report.schema)(report)),
})

/** The renderer of `schema`, or a raw-JSON view for an unknown version of a known family. */
export function htmlSectionRendererFor(schema: string, file: string): HtmlSectionRenderer {
  if (Object.hasOwn(htmlRenderers, schema)) return htmlRenderers[schema]
  if (isRegisteredSchema(schema)) return fromMarkdown
  if (!isKnownFamily(familyOf(schema)))
    throw new InputError(`unknown report family "${familyOf(schema)}" (schema ${schema})`, {file, field: '/schema'})
  return (report) => ({
    body: renderRawJsonHtml(
      report.result,
      `Schema ${schema} is not one this infolens (${report.tool?.version ?? '?'} wrote it) knows how to show; its result follows as raw JSON.`,
    ),
  })
}
