/**
 * Section renderers by report schema id. Every schema in schemas/ is listed,
 * with `generic` where a flat result reads well enough as key/value tables
 * (a test checks the list is complete); an unknown or newer schema id falls
 * back to the generic renderer, so `report render` accepts any report.
 */
import type {Report} from '../core/report/envelope.js'
import {renderCheckpointSection} from '../core/report/render/checkpoint-section.js'
import {creditSections} from '../families/credit/render/report-section.js'
import {renderDemoSection} from '../core/report/render/demo-section.js'
import {renderDoctorSection} from '../core/report/render/doctor-section.js'
import {renderGenericMarkdown} from '../core/report/render/generic-section.js'
import {renderKappaSection} from '../families/kappa/render/report-section.js'
import {renderNetcdfSection} from '../core/report/render/netcdf-section.js'
import {renderSchoolSection} from '../families/school/render/report-section.js'
import {renderSpectralSection} from '../families/spectral/render/report-section.js'
import {uqSections} from '../families/uq/render/report-section.js'

// Each renderer takes the result type of its own schema, so the common type cannot say which.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SectionRenderer = (report: Report<any>) => string

const generic: SectionRenderer = (r) => renderGenericMarkdown(r.result)

const renderers: Readonly<Record<string, SectionRenderer>> = {
  'infolens.checkpoint/1': renderCheckpointSection,
  'infolens.checkpoint-convert/1': generic,
  'infolens.credit.bin/1': creditSections.bin,
  'infolens.credit.counts/1': generic,
  'infolens.credit.fairness/1': creditSections.fairness,
  'infolens.credit.psi/1': creditSections.psi,
  'infolens.credit.score/1': creditSections.score,
  'infolens.credit.scorecard/1': creditSections.scorecard,
  'infolens.credit.sql/1': generic,
  'infolens.demo/1': renderDemoSection,
  'infolens.doctor/1': renderDoctorSection,
  'infolens.kappa/1': renderKappaSection,
  'infolens.netcdf/1': renderNetcdfSection,
  'infolens.school/1': renderSchoolSection,
  'infolens.spectral/1': renderSpectralSection,
  'infolens.uq/1': uqSections.score,
  'infolens.uq.demo/1': generic,
  'infolens.uq.evaluate/1': uqSections.evaluate,
  'infolens.uq.generate/1': generic,
  'infolens.uq.perturb/1': generic,
  'infolens.uq.tsu/1': uqSections.tsu,
}

/** The family part of a schema id: `infolens.credit.bin/1` → `credit`. */
export function familyOf(schema: string): string {
  return schema.replace(/^infolens\./, '').split(/[./]/)[0]
}

/** Whether some listed schema belongs to `family` (`spectral`, `credit`, …). */
export function isKnownFamily(family: string): boolean {
  return Object.keys(renderers).some((schema) => familyOf(schema) === family)
}

/** Whether `schema` is listed (with its own renderer or an explicit `generic`). */
export function isRegisteredSchema(schema: string): boolean {
  return Object.hasOwn(renderers, schema)
}

/** Whether `schema` renders through the generic section (listed as generic, or unknown). */
export function usesGenericSection(schema: string): boolean {
  return sectionRendererFor(schema) === generic
}

export function sectionRendererFor(schema: string): SectionRenderer {
  return (Object.hasOwn(renderers, schema) ? renderers[schema] : undefined) ?? generic
}
