import {test} from 'node:test'
import assert from 'node:assert/strict'
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import type {Report} from '../../src/core/report/envelope.js'
import {InputError} from '../../src/core/errors.js'
import {htmlSectionRendererFor} from '../../src/report-render/html-registry.js'
import {renderHtmlReportPage} from '../../src/report-render/render-html-page.js'

const schemaDir = new URL('../../schemas/', import.meta.url).pathname
const reportSchemaIds = readdirSync(schemaDir)
  .filter((f) => f.endsWith('.schema.json'))
  .map((f) => JSON.parse(readFileSync(join(schemaDir, f), 'utf8')))
  .filter((s) => (s.allOf ?? []).some((p: any) => p.$ref === 'envelope.schema.json'))
  .map((s) => s.properties?.schema?.const as string)

const hostile = '<img src=x onerror=alert(1)>'

function reportOf(schema: string, result: unknown, extra: Partial<Report<unknown>> = {}): Report<unknown> {
  return {
    schema,
    tool: {name: 'infolens', version: '0'},
    command: ['infolens', hostile],
    createdAt: '2025-01-01T00:00:00.000Z',
    inputs: [{path: hostile, bytes: 1, sha256: null}] as unknown as Report<unknown>['inputs'],
    options: {[hostile]: hostile},
    engine: {backend: 'cpu', lapack: 'none', threads: 1},
    timings: {},
    warnings: [hostile],
    result,
    ...extra,
  }
}

/** A result where every name a section may show is an injection attempt. */
const hostileResult = {
  layers: [{name: hostile, alpha: 3, status: 'ok', N: 4, M: 2}],
  features: [{feature: hostile, iv: 0.1, psi: 0.2, table: [{bin: hostile, woe: 0.5}]}],
  tensors: [{name: hostile, kappa: 10, selected: true, rank_position: 1, shape: [4, 2]}],
  selection: {target_modules: [hostile], target_parameters: [], parameters: [hostile]},
  measures: [hostile],
  rows: [{[hostile]: 1, correct: 1}],
  frontier: [{epsilon: 0.1, kind: 'point', iv_total: 0.3, features: [hostile]}],
  summary: {[hostile]: {final: 1, mean2: 1}},
}

test('every report schema renders an HTML section from missing, mistyped or hostile fields', async () => {
  assert.ok(reportSchemaIds.length >= 15)
  for (const id of reportSchemaIds) {
    for (const result of [
      {},
      null,
      {layers: 'x', features: 3, rows: [null, 1], summary: [], diff: {}},
      hostileResult,
    ]) {
      const section = await htmlSectionRendererFor(id, 'r.json')(reportOf(id, result))
      assert.equal(typeof section.body, 'string', id)
      assert.doesNotMatch(section.body, /<img/, id)
    }
  }
})

test('a page escapes the envelope and has a table of contents for several reports', async () => {
  const reports = ['infolens.doctor/1', 'infolens.spectral/1'].map((schema, i) => ({
    file: `${hostile}-${i}.json`,
    report: reportOf(schema, hostileResult),
  }))
  const page = await renderHtmlReportPage(reports)
  assert.doesNotMatch(page, /<img/)
  assert.match(page, /^<!DOCTYPE html>/)
  assert.match(page, /<nav class="toc"/)
  assert.equal(page.match(/<section class="report"/g)?.length, 2)
  assert.match(page, /Content-Security-Policy" content="default-src 'none'/)
  assert.doesNotMatch(page, /(src|href)="(https?:)?\/\//, 'nothing is loaded from elsewhere')
  const single = await renderHtmlReportPage(reports.slice(0, 1))
  assert.doesNotMatch(single, /<nav class="toc"/)
})

test('an unknown schema version of a known family shows raw JSON; an unknown family is refused', async () => {
  const section = await htmlSectionRendererFor(
    'infolens.spectral/9',
    'r.json',
  )(reportOf('infolens.spectral/9', {note: hostile}))
  assert.match(section.body, /raw JSON/)
  assert.match(section.body, /<pre class="raw-json">[^]*&lt;img src=x onerror=alert\(1\)&gt;/)
  assert.throws(
    () => htmlSectionRendererFor('infolens.future/1', 'r.json'),
    (e: unknown) => e instanceof InputError && /unknown report family "future"/.test((e as Error).message),
  )
})
