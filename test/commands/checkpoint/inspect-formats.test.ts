/**
 * `checkpoint inspect --json` on ONNX and TF.js inputs: the report validates against the checkpoint
 * schema, lists the model and its data files (external data, shards) as inputs with checksums, and
 * its rows agree with the independent references (names, dtypes, shapes, bytes).
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {runCliJson} from '../../helpers/cli.js'
import {assertMatchesSchema} from '../../helpers/schema.js'

const fixtures = new URL('../../fixtures/', import.meta.url).pathname
const tfjsReference = JSON.parse(readFileSync(join(fixtures, 'tfjs', 'tfjs-reference.json'), 'utf8'))

test('inspect --json: an ONNX model with external data lists both files and validates', () => {
  const model = join(fixtures, 'onnx', 'external', 'model.onnx')
  const {json, result} = runCliJson(['checkpoint', 'inspect', model])
  assert.equal(result.status, 0, result.stderr)
  assertMatchesSchema(json, 'checkpoint.schema.json')
  assert.deepEqual(
    json.inputs.map((i: any) => i.path),
    [model, join(fixtures, 'onnx', 'external', 'weights', 'model.onnx.data')],
  )
  assert.deepEqual(json.result.source, {path: model, kind: 'file', index: null})
  const rows = Object.fromEntries(json.result.tensors.map((t: any) => [t.name, t]))
  assert.deepEqual(rows['ext.a.weight'], {
    name: 'ext.a.weight',
    dtype: 'F32',
    shape: [32, 20],
    parameters: 640,
    bytes: 2560,
    shard: 'weights/model.onnx.data',
  })
  assert.equal(rows['inline.small'].shard, 'model.onnx')
  assert.deepEqual(json.result.totals.parametersByDtype, {F16: 20, F32: 646, F64: 60})
})

test('inspect --json: a TF.js directory lists model.json and its shards; rows match the numpy reader', () => {
  const dir = join(fixtures, 'tfjs', 'generated')
  const {json, result} = runCliJson(['checkpoint', 'inspect', dir])
  assert.equal(result.status, 0, result.stderr)
  assertMatchesSchema(json, 'checkpoint.schema.json')
  assert.equal(json.result.source.kind, 'directory')
  assert.equal(json.result.source.index, join(dir, 'model.json'))
  assert.equal(json.inputs.length, 5) // model.json + 4 shards
  const reference = tfjsReference.models.find((m: any) => m.model === 'generated/model.json')
  const expected = reference.tensors.map((t: any) => [t.name, t.dtype, t.shape, t.bytes]).sort()
  const got = json.result.tensors.map((t: any) => [t.name, t.dtype, t.shape, t.bytes]).sort()
  assert.deepEqual(got, expected)
  assert.equal(json.result.metadata['tfjs.format'], 'layers-model')
})
