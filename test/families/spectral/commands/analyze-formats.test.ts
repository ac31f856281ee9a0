/**
 * `spectral analyze` reads ONNX and TF.js checkpoints like safetensors: the same four matrices
 * written by test/fixtures/formats/make_mini_formats.py as safetensors ((out, in), PyTorch), ONNX
 * ((in, out) as MatMul stores them; raw_data, float_data and external data) and TF.js ((in, out),
 * float32 shards) give the same layer metrics. Transposed storage changes only the order of
 * summation in the Gram matrix, so numbers agree to REL_TOL, and counts, flags and warnings exactly.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {join} from 'node:path'
import {runCliJson} from '../../../helpers/cli.js'
import {nonEmpty} from '../../../helpers/fixture.js'

const fixtures = new URL('../../../fixtures/formats/', import.meta.url).pathname
/** Float64 Gram of the same float32 values summed in another order: a few ulps, amplified by the fits. */
const REL_TOL = 1e-9

function analyze(path: string): any {
  const {json, result} = runCliJson(['spectral', 'analyze', path, '--no-cache'])
  assert.equal(result.status, 0, result.stderr)
  return json.result
}

test('spectral analyze: ONNX and TF.js conversions give the safetensors layer metrics', () => {
  const reference = analyze(join(fixtures, 'mini.safetensors'))
  const layers = nonEmpty(reference.layers as any[], 'safetensors layers')
  assert.equal(layers.length, 4)
  for (const path of ['mini.onnx', 'mini-tfjs']) {
    const other = analyze(join(fixtures, path))
    assert.deepEqual(other.skipped, reference.skipped, path)
    assert.deepEqual(
      other.layers.map((l: any) => l.name),
      layers.map((l) => l.name),
      path,
    )
    for (const [i, ref] of layers.entries()) {
      const layer = other.layers[i]
      assert.deepEqual([...layer.shape].sort(), [...ref.shape].sort(), `${path} ${ref.name} shape`)
      for (const [key, value] of Object.entries(ref)) {
        if (key === 'shape') continue
        const got = layer[key]
        if (typeof value === 'number' && !Number.isInteger(value)) {
          const scale = Math.max(Math.abs(value), Math.abs(got), 1e-300)
          assert.ok(Math.abs(got - value) <= REL_TOL * scale, `${path} ${ref.name} ${key}: ${got} vs ${value}`)
        } else assert.deepEqual(got, value, `${path} ${ref.name} ${key}`)
      }
    }
  }
})
