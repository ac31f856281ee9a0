import {test} from 'node:test'
import assert from 'node:assert/strict'
import {join} from 'node:path'
import {tempDir} from '../../helpers/cli.js'
import {keyValuesUnder, makeAndRender, records, shown, tableUnder} from './markdown-tables.js'

const tiny = new URL('../../fixtures/kappa/tiny-model.safetensors', import.meta.url).pathname
const decode = (x: unknown) => (x === 'inf' ? Infinity : x === '-inf' ? -Infinity : x === 'nan' ? NaN : x)

test('kappa plan: budget, counts, parameters trained and the selected tensors in rank order, values as in the JSON', () => {
  const dir = tempDir('infolens-render-kappa-')
  const {report, md} = makeAndRender(['kappa', 'plan', tiny, '--count', '2', '--cache', join(dir, 'cache')], join(dir, 'plan.json'), 'kappa.schema.json')
  const r = report.result
  const s = r.selection
  const plan = keyValuesUnder(md, 'Plan')
  assert.equal(plan.get('budget'), `${r.budget.mode} ${r.budget.value}`)
  assert.equal(plan.get('candidates'), String(s.candidates))
  assert.equal(plan.get('selected'), String(s.selected))
  assert.equal(plan.get('skipped tensors'), String(r.skipped.length))
  assert.ok(plan.get('parameters trained')!.startsWith(`${s.trainable_params} of ${s.total_params} (`))
  const selected = r.tensors.filter((t: any) => t.selected).sort((a: any, b: any) => a.rank_position - b.rank_position)
  assert.ok(selected.length > 0)
  const rows = records(tableUnder(md, 'Selected tensors (lowest kappa first)'))
  assert.deepEqual(
    rows.map((x) => [x.rank, x.shape, x.kappa, x.kappa_mp]),
    selected.map((t: any) => [String(t.rank_position), t.shape.join('×'), shown(decode(t.kappa)), shown(decode(t.kappa_mp))]),
  )
  for (const [i, t] of selected.entries()) assert.ok(rows[i].tensor.startsWith(t.name))
  const types = records(tableUnder(md, 'By layer type'))
  assert.deepEqual(types.map((p) => [p['layer type'], Number(p.candidates), Number(p.selected)]), s.per_type.map((p: any) => [p.type, p.candidates, p.selected]))
})
