import {test} from 'node:test'
import assert from 'node:assert/strict'
import {join} from 'node:path'
import {readReportFile} from '../../../../src/core/io/report-file.js'
import {renderReport} from '../../../../src/report-render/render-report.js'
import {runCli, tempDir} from '../../../helpers/cli.js'
import {
  keyValuesUnder,
  makeAndRender,
  records,
  sectionText,
  shown,
  tableUnder,
} from '../../../core/report/render/markdown-tables.js'

const small = new URL('../../../fixtures/spectral/small/', import.meta.url).pathname
const dir = tempDir('infolens-render-spectral-')

function assertLayerRowsMatch(md: string, layers: any[]): Record<string, string>[] {
  const rows = records(tableUnder(md, 'Layers'))
  assert.equal(rows.length, layers.length)
  const byName = new Map(layers.map((l) => [l.name, l]))
  for (const row of rows) {
    const l = byName.get(row.layer)
    assert.ok(l, `row for an unknown layer ${row.layer}`)
    assert.equal(row['N×M'], `${l.N}×${l.M}${l.rf > 1 ? `×${l.rf}` : ''}`)
    for (const k of ['alpha', 'alpha_weighted', 'D', 'stable_rank', 'setol_gap'])
      assert.equal(row[k], shown(l[k]), `${l.name} ${k}`)
  }
  return rows
}

test('spectral analyze: summary, gate and the layer table with gate-matched layers first, values as in the JSON', () => {
  const {report, md} = makeAndRender(
    ['spectral', 'analyze', join(small, 'model.safetensors'), '--no-cache', '--fail-on', 'alpha>4'],
    join(dir, 'small.json'),
    'spectral.schema.json',
    [3],
  )
  const r = report.result
  assert.match(md, /^## infolens spectral report\n/)
  const summary = keyValuesUnder(md, 'Summary')
  assert.equal(summary.get('layers analysed'), String(r.layers.length))
  assert.equal(summary.get('fits ok'), String(r.summary.counts.ok))
  assert.equal(summary.get('tensors skipped'), String(r.skipped.length))
  assert.equal(summary.get('mean alpha'), shown(r.summary.means.alpha))
  assert.equal(summary.get('median alpha'), shown(r.summary.medians.alpha))
  assert.equal(summary.get('mean alpha_weighted (α̂)'), shown(r.summary.means.alpha_weighted))
  assert.equal(summary.get('mean stable_rank'), shown(r.summary.means.stable_rank))

  const failed: string[] = r.gate.failed
  assert.ok(failed.length > 0 && failed.length < r.layers.length, 'the fixture has layers on both sides of alpha = 4')
  const gate = sectionText(md, 'Gate')
  assert.match(gate, /`--fail-on 'alpha>4'`: \*\*failed\*\*/)
  for (const name of failed) assert.ok(gate.includes(name))

  const rows = assertLayerRowsMatch(md, r.layers)
  assert.deepEqual(new Set(rows.slice(0, failed.length).map((x) => x.layer)), new Set(failed))
  for (const row of rows.slice(0, failed.length)) assert.match(row.status, /gate/)
  for (const row of rows.slice(failed.length)) assert.equal(row.status, 'ok')
  // unflagged layers keep the report's order
  const rest = r.layers.map((l: any) => l.name).filter((n: string) => !failed.includes(n))
  assert.deepEqual(
    rows.slice(failed.length).map((x) => x.layer),
    rest,
  )

  const skipped = records(tableUnder(md, 'Skipped tensors'))
  assert.equal(
    skipped.reduce((a, s) => a + Number(s.tensors), 0),
    r.skipped.length,
  )
})

test('spectral analyze: under-trained layers are listed first, furthest from the band first', () => {
  const ck = join(dir, 'demo-ck')
  assert.equal(runCli(['demo', 'checkpoint', ck, '--quiet']).status, 0)
  const {report, md} = makeAndRender(
    ['spectral', 'analyze', join(ck, 'model.safetensors'), '--no-cache'],
    join(dir, 'demo.json'),
    'spectral.schema.json',
  )
  const r = report.result
  assert.throws(() => sectionText(md, 'Gate'), 'no gate section without --fail-on')
  const flagged = r.layers
    .filter((l: any) => l.warning !== '')
    .sort((a: any, b: any) => Math.abs(b.alpha - 4) - Math.abs(a.alpha - 4))
  assert.ok(flagged.length > 0, 'the demo checkpoint has flagged layers')
  const summary = keyValuesUnder(md, 'Summary')
  assert.equal(summary.get('under-trained (α > 6)'), String(r.summary.counts.under_trained))
  assert.equal(summary.get('over-trained (α < 2)'), String(r.summary.counts.over_trained))
  const rows = assertLayerRowsMatch(md, r.layers)
  assert.deepEqual(
    rows.slice(0, flagged.length).map((x) => [x.layer, x.status]),
    flagged.map((l: any) => [l.name, l.warning]),
  )
})

test('spectral diff: matched layers, mean changes and the layers that moved most', () => {
  const a = join(dir, 'a.json')
  const b = join(dir, 'b.json')
  assert.equal(
    runCli(['spectral', 'analyze', join(small, 'model.safetensors'), '--no-cache', '--out', a, '--quiet']).status,
    0,
  )
  assert.equal(
    runCli(['spectral', 'analyze', join(small, 'model-bf16.safetensors'), '--no-cache', '--out', b, '--quiet']).status,
    0,
  )
  const {report, md} = makeAndRender(['spectral', 'diff', a, b], join(dir, 'diff.json'), 'spectral.schema.json')
  const d = report.result.diff
  // diff shares the spectral schema with analyze; the heading names it
  assert.match(md, /^## infolens spectral diff report\n/)
  assert.match(renderReport(readReportFile(join(dir, 'diff.json')), 'text'), /^infolens spectral diff report\n/)
  const head = keyValuesUnder(md, 'Spectral diff (B − A)')
  assert.equal(head.get('A'), a)
  assert.equal(head.get('matched layers'), String(d.matched))
  assert.equal(head.get('only in A'), String(d.onlyInA.length))
  const means = records(tableUnder(md, 'Change of the model means'))
  assert.deepEqual(
    means.map((m) => [m.metric, m['Δ mean (B − A)']]),
    Object.entries(d.summaryDelta).map(([k, v]) => [k, shown(v)]),
  )
  const moved = records(tableUnder(md, 'Layers that moved most (by |Δα|)'))
  assert.deepEqual(
    moved.map((m) => [m.layer, m['alpha (A)'], m['alpha (B)'], m['Δ alpha']]),
    d.movedMost.map((m: any) => [m.name, shown(m.alpha_a), shown(m.alpha_b), shown(m.delta_alpha)]),
  )
})
