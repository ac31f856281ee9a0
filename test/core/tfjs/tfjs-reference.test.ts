/**
 * The TF.js reader against two independent decodes of the same files: the numpy reader
 * test/fixtures/tfjs/read_tfjs.py (tfjs-reference.json) and tfjs-core's own `io.decodeWeights`
 * (the code TF.js runs when it loads a model). Fixtures: two real uint8-quantized face-api
 * models (@vladmandic/face-api 1.7.15, MIT) and a generated model with every weight type,
 * two groups and weights spanning shard boundaries. Values must be bit-identical.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import * as tf from '@tensorflow/tfjs-core'
import '@tensorflow/tfjs-backend-cpu'
import {openCheckpoint} from '../../../src/core/checkpoint/index.js'
import {InputError} from '../../../src/core/errors.js'
import {nonEmpty} from '../../helpers/fixture.js'

const fixtures = new URL('../../fixtures/tfjs/', import.meta.url).pathname
const reference = JSON.parse(readFileSync(join(fixtures, 'tfjs-reference.json'), 'utf8'))
const models = nonEmpty(reference.models as {model: string; tensors: any[]}[], 'models')

function sha256(values: Float32Array | Float64Array): string {
  return createHash('sha256')
    .update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength))
    .digest('hex')
}

for (const model of models) {
  test(`${model.model}: names, dtypes, shapes, bytes and values equal the numpy decode`, async () => {
    const ck = await openCheckpoint(join(fixtures, model.model))
    try {
      assert.equal(ck.format, 'tfjs')
      const byName = new Map(ck.tensors.map((t) => [t.name, t]))
      const expected = nonEmpty(model.tensors, model.model)
      assert.deepEqual([...byName.keys()].sort(), expected.map((t) => t.name).sort())
      for (const ref of expected) {
        const entry = byName.get(ref.name)!
        assert.deepEqual([entry.dtype, entry.shape, entry.byteLength], [ref.dtype, ref.shape, ref.bytes], ref.name)
        if (!ref.sha256_f32) {
          await assert.rejects(ck.readFloat32(entry), InputError, ref.name)
          continue
        }
        assert.equal(sha256(await ck.readFloat32(entry)), ref.sha256_f32, `${ref.name} float32`)
        assert.equal(sha256(await ck.readFloat64(entry)), ref.sha256_f64, `${ref.name} float64`)
      }
    } finally {
      await ck.close()
    }
  })

  test(`${model.model}: values equal tfjs-core io.decodeWeights`, async () => {
    tf.enableProdMode() // no "install our node backend" banner on stderr
    await tf.setBackend('cpu')
    const file = join(fixtures, model.model)
    const json = JSON.parse(readFileSync(file, 'utf8'))
    const manifest: tf.io.WeightsManifestConfig = Array.isArray(json) ? json : json.weightsManifest
    const ck = await openCheckpoint(file)
    try {
      for (const group of manifest) {
        const buffers = group.paths.map((p) => new Uint8Array(readFileSync(join(dirname(file), p))))
        const decoded = tf.io.decodeWeights(tf.io.concatenateArrayBuffers(buffers.map((b) => b.buffer)), group.weights)
        for (const spec of group.weights) {
          if (spec.dtype === 'string') continue
          const ours = await ck.readFloat32(ck.tensors.find((t) => t.name === spec.name)!)
          const theirs = Float32Array.from(decoded[spec.name].dataSync() as Float32Array | Int32Array | Uint8Array)
          assert.equal(sha256(ours), sha256(theirs), spec.name)
        }
        tf.dispose(Object.values(decoded))
      }
    } finally {
      await ck.close()
    }
  })
}

test('dequantization is float64 arithmetic then one rounding: float32 arithmetic would differ here', async () => {
  const file = join(fixtures, 'face-api', 'tiny_face_detector_model-weights_manifest.json')
  const [group] = JSON.parse(readFileSync(file, 'utf8'))
  const codes = new Uint8Array(readFileSync(join(dirname(file), group.paths[0])))
  const ck = await openCheckpoint(file)
  try {
    let differing = 0
    let offset = 0
    for (const spec of group.weights) {
      const values = await ck.readFloat32(ck.tensors.find((t) => t.name === spec.name)!)
      const {scale, min} = spec.quantization
      const f = Math.fround
      for (let i = 0; i < values.length; i++) {
        if (values[i] !== f(f(codes[offset + i] * f(scale)) + f(min))) differing++
      }
      offset += values.length
    }
    assert.ok(differing > 0, 'the fixture must tell the two roundings apart')
  } finally {
    await ck.close()
  }
})

test('a weight spanning shards is read across the boundary; files are the shards in order', async () => {
  const ck = await openCheckpoint(join(fixtures, 'generated'))
  try {
    assert.equal(ck.layout.kind, 'directory')
    assert.equal(ck.layout.indexFile, join(fixtures, 'generated', 'model.json'))
    assert.deepEqual(
      ck.files.map((f) => f.slice(f.lastIndexOf('/') + 1)),
      ['group1-shard1of3.bin', 'group1-shard2of3.bin', 'group1-shard3of3.bin', 'group2-shard1of1.bin'],
    )
    const spanning = ck.tensors.filter((t) => t.offset + t.byteLength > 1000 && t.file.endsWith('shard1of3.bin'))
    assert.equal(spanning.length, 1)
    assert.equal(ck.metadata['tfjs.format'], 'layers-model')
  } finally {
    await ck.close()
  }
})
