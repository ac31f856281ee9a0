/**
 * Quantization damage across formats on real weights: the float32 faceres `feats` kernel (converted TF.js
 * weights, test/fixtures/spectral/real) as safetensors A, against the GGUF file holding its Q4_0, Q4_K, Q5_K,
 * Q6_K and Q8_0 quantizations (test/fixtures/gguf/real-quants.gguf). The relative Frobenius error of each
 * layer must equal rms_error / rms of the independent numpy quantizer (test/fixtures/gguf/reference.json),
 * and the ranking must put the 4-bit types first and Q8_0 last.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {openCheckpoint} from '../../../../src/core/checkpoint/index.js'
import {writeSafetensors} from '../../../../src/core/safetensors/index.js'
import {runCliJson, tempDir} from '../../../helpers/cli.js'

const fixtures = new URL('../../../fixtures/gguf/', import.meta.url).pathname
const reference = JSON.parse(readFileSync(join(fixtures, 'reference.json'), 'utf8')) as {
  tensors: {file: string; name: string; rms_error: number; rms: number}[]
}

test('spectral diff safetensors vs GGUF: relative Frobenius error = numpy rms_error/rms, 4-bit first', async () => {
  const f32 = await openCheckpoint(join(fixtures, 'real-f32.gguf'))
  const feats = f32.tensors.find((t) => t.name === 'faceres.feats.weight')!
  const values = await f32.readFloat32(feats)
  await f32.close()
  const quantized = reference.tensors.filter((t) => t.file === 'real-quants.gguf')
  assert.equal(quantized.length, 5)
  const a = join(tempDir('infolens-damage-gguf-'), 'a.safetensors')
  writeSafetensors(
    a,
    quantized.map((t) => ({
      name: t.name,
      dtype: 'F32',
      shape: feats.shape,
      bytes: new Uint8Array(values.buffer, values.byteOffset, values.byteLength),
    })),
  )
  const {json, result} = runCliJson(['spectral', 'diff', a, join(fixtures, 'real-quants.gguf')])
  assert.equal(result.status, 0, result.stderr)
  const layers = json.result.damage.layers as {name: string; dtype_b: string; rel_frobenius: number; rank: number}[]
  assert.equal(layers.length, 5)
  for (const t of quantized) {
    const layer = layers.find((l) => l.name === t.name)!
    const expected = t.rms_error / t.rms
    assert.ok(
      Math.abs(layer.rel_frobenius - expected) <= 1e-9 * expected,
      `${t.name}: ${layer.rel_frobenius} vs ${expected}`,
    )
  }
  const order = [...layers].sort((x, y) => x.rank - y.rank).map((l) => l.dtype_b)
  assert.deepEqual(order.slice(0, 2).sort(), ['Q4_0', 'Q4_K'])
  assert.equal(order.at(-1), 'Q8_0')
})
