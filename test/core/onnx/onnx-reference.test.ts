/**
 * The ONNX reader against an independent decode: test/fixtures/onnx/read_onnx.py (the `onnx`
 * package + numpy) wrote onnx-reference.json for a real PaddleOCR model (Constant-node weights),
 * a model with every storage variant (raw_data, each typed field, Constant, If subgraph with a
 * reused name, empty, scalar, STRING, COMPLEX64) and one with external data in a subfolder.
 * Names, dtypes and shapes must be identical and the decoded values bit-identical (SHA-256 of
 * the float64 values, and of the float32 values for float types).
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {openCheckpoint} from '../../../src/core/checkpoint/index.js'
import {InputError} from '../../../src/core/errors.js'
import {nonEmpty} from '../../helpers/fixture.js'

const fixtures = new URL('../../fixtures/onnx/', import.meta.url).pathname
const reference = JSON.parse(readFileSync(join(fixtures, 'onnx-reference.json'), 'utf8'))

interface ReferenceTensor {
  name: string
  dtype: string
  shape: number[]
  decodable: boolean
  sha256_f64?: string
  sha256_f32?: string
}

function sha256(values: Float32Array | Float64Array): string {
  return createHash('sha256')
    .update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength))
    .digest('hex')
}

for (const model of nonEmpty(reference.models as {model: string; tensors: ReferenceTensor[]}[], 'models')) {
  test(`${model.model}: names, dtypes, shapes and values equal the onnx package's decode`, async () => {
    const ck = await openCheckpoint(join(fixtures, model.model))
    try {
      assert.equal(ck.format, 'onnx')
      const expected = nonEmpty(model.tensors, model.model)
      const byName = new Map(ck.tensors.map((t) => [t.name, t]))
      assert.deepEqual([...byName.keys()].sort(), expected.map((t) => t.name).sort())
      for (const ref of expected) {
        const entry = byName.get(ref.name)!
        assert.equal(entry.dtype, ref.dtype, ref.name)
        assert.deepEqual(entry.shape, ref.shape, ref.name)
        if (!ref.decodable) {
          await assert.rejects(ck.readFloat64(entry), InputError, ref.name)
          continue
        }
        assert.equal(sha256(await ck.readFloat64(entry)), ref.sha256_f64, `${ref.name} float64`)
        if (ref.sha256_f32) assert.equal(sha256(await ck.readFloat32(entry)), ref.sha256_f32, `${ref.name} float32`)
      }
    } finally {
      await ck.close()
    }
  })
}

test('external data: the data file is listed with the model, and tensors point into it', async () => {
  const ck = await openCheckpoint(join(fixtures, 'external', 'model.onnx'))
  try {
    const data = join(fixtures, 'external', 'weights', 'model.onnx.data')
    assert.deepEqual(ck.files, [join(fixtures, 'external', 'model.onnx'), data])
    const weight = ck.tensors.find((t) => t.name === 'ext.a.weight')!
    assert.equal(weight.file, data)
    assert.equal(weight.byteLength, 32 * 20 * 4)
    assert.equal(ck.tensors.find((t) => t.name === 'inline.small')!.file, join(fixtures, 'external', 'model.onnx'))
    assert.equal(ck.shards[1].tensorCount, 3)
    assert.equal(ck.shards[1].headerBytes, 0)
  } finally {
    await ck.close()
  }
})

test('metadata: producer, IR version, opsets and metadata_props', async () => {
  const ck = await openCheckpoint(join(fixtures, 'storage.onnx'))
  try {
    assert.equal(ck.metadata['onnx.producer_name'], 'infolens-fixtures')
    assert.equal(ck.metadata['onnx.opset_import'], 'ai.onnx 13')
    assert.equal(ck.metadata['onnx.graph_name'], 'storage')
    assert.equal(ck.metadata.purpose, 'storage variants')
    assert.match(ck.metadata['onnx.ir_version'], /^\d+$/)
  } finally {
    await ck.close()
  }
})
