/**
 * Section renderers by report family. A family registers a function turning its
 * `result` into Markdown; families without one get the generic renderer.
 */
import type {Report} from '../envelope.js'
import {renderGenericMarkdown} from './generic-section.js'

export type SectionRenderer = (report: Report<any>) => string

const renderers: Record<string, SectionRenderer> = {}

/** The family part of a schema id: `infolens.credit.bin/1` → `credit`. */
export function familyOf(schema: string): string {
  return schema.replace(/^infolens\./, '').split(/[./]/)[0]
}

export function sectionRendererFor(schema: string): SectionRenderer {
  return renderers[familyOf(schema)] ?? ((r) => renderGenericMarkdown(r.result))
}
