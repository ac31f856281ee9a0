/**
 * `spectral analyze` on GGUF: an F32 GGUF gives exactly the layer metrics of the safetensors it
 * came from (same W, same shapes: only the dtype column differs, F16 there, F32 here); GGUF
 * names (`blk.N.attn_q.weight`) are selected by the `*.weight` rule and 1-D norms skipped; an
 * undecodable layer fails before any work unless --skip-unsupported lists it as skipped.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {runCli, runCliJson} from '../../helpers/cli.js'
import {assertMatchesSchema} from '../../helpers/schema.js'

const gguf = new URL('../../fixtures/gguf/', import.meta.url).pathname
const safetensors = new URL('../../fixtures/spectral/real/real-weights.safetensors', import.meta.url).pathname

const withoutDtype = (layers: {dtype: string}[]) => layers.map(({dtype: _, ...rest}) => rest)

test('an F32 GGUF gives exactly the layer metrics of the safetensors it came from', () => {
  const a = runCliJson(['spectral', 'analyze', `${gguf}real-f32.gguf`, '--no-cache', '--min-evals', '1'])
  const b = runCliJson(['spectral', 'analyze', safetensors, '--no-cache', '--min-evals', '1'])
  assert.equal(a.result.status, 0, a.result.stderr)
  assert.equal(b.result.status, 0, b.result.stderr)
  assertMatchesSchema(a.json, 'spectral.schema.json')
  assert.equal(a.json.result.layers.length, 2)
  assert.deepEqual(withoutDtype(a.json.result.layers), withoutDtype(b.json.result.layers))
  assert.deepEqual(a.json.result.skipped, b.json.result.skipped)
  assert.deepEqual(
    a.json.result.layers.map((l: {dtype: string}) => l.dtype),
    ['F32', 'F32'],
  )
})

test('GGUF names: every 2-D *.weight of a split set is a layer, 1-D norms are skipped', () => {
  const {json, result} = runCliJson(['spectral', 'analyze', `${gguf}tiny-llama-00003-of-00003.gguf`, '--no-cache'])
  assert.equal(result.status, 0, result.stderr)
  const layers = json.result.layers.map((l: {name: string}) => l.name)
  const kinds = ['attn_k', 'attn_output', 'attn_q', 'attn_v', 'ffn_down', 'ffn_up']
  const expected = [0, 1, 2].flatMap((i) => kinds.map((k) => `blk.${i}.${k}.weight`))
  assert.deepEqual(layers, [...expected, 'output.weight', 'token_embd.weight'])
  assert.deepEqual(
    json.result.skipped.map((s: {name: string; reason: string}) => [s.name, s.reason]),
    [0, 1, 2]
      .map((i) => [`blk.${i}.attn_norm.weight`, '1-D tensor (only 2-D dense and 4-D conv2d weights are analysed)'])
      .concat([['output_norm.weight', '1-D tensor (only 2-D dense and 4-D conv2d weights are analysed)']]),
  )
  assert.ok(json.result.layers.some((l: {dtype: string}) => l.dtype === 'Q4_0'))
})

test('an undecodable layer: exit 2 naming file, tensor and type; --skip-unsupported skips it with the reason', () => {
  const failed = runCli(['spectral', 'analyze', `${gguf}unsupported.gguf`, '--no-cache'])
  assert.equal(failed.status, 2)
  assert.match(
    failed.stderr.trim(),
    /^infolens: error: \S*unsupported\.gguf: tensor blk\.0\.ffn_down\.weight: GGUF type IQ2_XS has no dequantizer in infolens; pass --skip-unsupported/,
  )
  const {json, result} = runCliJson([
    'spectral',
    'analyze',
    `${gguf}unsupported.gguf`,
    '--no-cache',
    '--skip-unsupported',
  ])
  assert.equal(result.status, 0, result.stderr)
  assert.deepEqual(
    json.result.layers.map((l: {name: string}) => l.name),
    ['plain.weight'],
  )
  assert.deepEqual(
    json.result.skipped.map((s: {name: string; reason: string}) => [s.name, s.reason]),
    [
      ['blk.0.ffn_down.weight', 'GGUF type IQ2_XS has no dequantizer in infolens (--skip-unsupported)'],
      ['blk.0.ffn_up.weight', 'GGUF type TQ1_0 has no dequantizer in infolens (--skip-unsupported)'],
    ],
  )
  // a filter that leaves the undecodable tensors out needs no flag
  assert.equal(runCli(['spectral', 'analyze', `${gguf}unsupported.gguf`, '--no-cache', '--layers', 'plain']).status, 0)
})
