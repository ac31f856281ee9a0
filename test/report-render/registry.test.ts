import {test} from 'node:test'
import assert from 'node:assert/strict'
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import type {Report} from '../../src/core/report/envelope.js'
import {isRegisteredSchema, sectionRendererFor, usesGenericSection} from '../../src/report-render/registry.js'
import {renderReport} from '../../src/report-render/render-report.js'

const schemaDir = new URL('../../schemas/', import.meta.url).pathname

/** The `schema` const of every report schema (those built on envelope.schema.json). */
const reportSchemaIds = readdirSync(schemaDir)
  .filter((f) => f.endsWith('.schema.json'))
  .map((f) => JSON.parse(readFileSync(join(schemaDir, f), 'utf8')))
  .filter((s) => (s.allOf ?? []).some((p: any) => p.$ref === 'envelope.schema.json'))
  .map((s) => s.properties?.schema?.const as string)

function reportOf(schema: string, result: unknown): Report<unknown> {
  return {
    schema,
    tool: {name: 'infolens', version: '0'},
    command: ['infolens'],
    createdAt: '2025-01-01T00:00:00.000Z',
    inputs: [],
    options: {},
    engine: {backend: 'cpu', lapack: 'none', threads: 1} as Report<unknown>['engine'],
    timings: {},
    warnings: [],
    result,
  }
}

test('every report schema in schemas/ has a registered section renderer or an explicit generic one', () => {
  assert.ok(reportSchemaIds.length >= 15, `found ${reportSchemaIds.length} report schemas`)
  for (const id of reportSchemaIds) {
    assert.equal(typeof id, 'string', 'a report schema without a schema const')
    assert.ok(isRegisteredSchema(id), `${id} is not listed in src/report-render/registry.ts`)
  }
  const generic = reportSchemaIds.filter(usesGenericSection).sort()
  // run logs without tables worth a dedicated view (credit counts: a summary, the table is the
  // --out file; credit sql: query text; checkpoint convert: what was written, per tensor); everything else
  // has its own section
  assert.deepEqual(generic, [
    'infolens.checkpoint-convert/1',
    'infolens.credit.counts/1',
    'infolens.credit.sql/1',
    'infolens.uq.demo/1',
    'infolens.uq.generate/1',
    'infolens.uq.perturb/1',
  ])
})

test('an unknown schema id renders through the generic section', () => {
  assert.equal(isRegisteredSchema('infolens.future/1'), false)
  assert.ok(usesGenericSection('infolens.future/1'))
  const md = renderReport(reportOf('infolens.future/1', {answer: 42, rows: [{name: 'x', value: 1.5}]}), 'markdown')
  assert.match(md, /^## infolens future report/)
  assert.match(md, /\| answer \| 42 \|/)
  assert.match(md, /\| x \| 1\.5000 \|/)
})

test('every section renderer survives a result with missing or mistyped fields (older or newer report files)', () => {
  for (const id of reportSchemaIds) {
    for (const result of [{}, null, {layers: 'x', features: 3, rows: [null, 1], summary: [], diff: {}}]) {
      const md = sectionRendererFor(id)(reportOf(id, result))
      assert.equal(typeof md, 'string', id)
    }
  }
})
