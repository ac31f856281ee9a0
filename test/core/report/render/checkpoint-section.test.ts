import {test} from 'node:test'
import assert from 'node:assert/strict'
import {join} from 'node:path'
import {tempDir} from '../../../helpers/cli.js'
import {keyValuesUnder, makeAndRender, records, tableUnder} from './markdown-tables.js'

const dir = tempDir('infolens-render-checkpoint-')
const ck = join(dir, 'ck')

test('demo checkpoint: what was generated, one row per file', () => {
  const {report, md} = makeAndRender(['demo', 'checkpoint', ck], join(dir, 'demo.json'), 'demo.schema.json')
  const r = report.result
  const head = keyValuesUnder(md, 'Synthetic checkpoint')
  assert.deepEqual(
    [head.get('directory'), head.get('tensors per checkpoint'), head.get('parameters per checkpoint')],
    [r.directory, String(r.tensors), String(r.parameters)],
  )
  assert.deepEqual(
    records(tableUnder(md, 'Files')).map((f) => [f.file, f.role, f.dtype, f.tensors, f.bytes]),
    r.files.map((f: any) => [f.path, f.role, f.dtype, String(f.tensors), String(f.bytes)]),
  )
})

test('checkpoint inspect: totals, per-dtype counts, shards, metadata and the tensor list', () => {
  const {report, md} = makeAndRender(
    ['checkpoint', 'inspect', join(ck, 'sharded')],
    join(dir, 'inspect.json'),
    'checkpoint.schema.json',
  )
  const r = report.result
  const head = keyValuesUnder(md, 'Checkpoint')
  assert.deepEqual(
    [head.get('tensors'), head.get('parameters'), head.get('bytes'), head.get('files')],
    [r.totals.tensors, r.totals.parameters, r.totals.bytes, r.totals.files].map(String),
  )
  assert.deepEqual(
    records(tableUnder(md, 'By dtype')).map((d) => [d.dtype, d.parameters]),
    Object.entries(r.totals.parametersByDtype).map(([k, v]) => [k, String(v)]),
  )
  assert.deepEqual(
    records(tableUnder(md, 'Files')).map((f) => f.file),
    r.files.map((f: any) => f.path),
  )
  assert.deepEqual(
    records(tableUnder(md, 'Metadata')).map((m) => [m.key, m.value]),
    Object.entries(r.metadata),
  )
  assert.deepEqual(
    records(tableUnder(md, 'Tensors')).map((t) => [t.tensor, t.dtype, t.shape, t.parameters, t.shard]),
    r.tensors.map((t: any) => [t.name, t.dtype, t.shape.join('×'), String(t.parameters), t.shard]),
  )
})
