/**
 * The GGUF reader through `openCheckpoint`: orientation (ggml's fastest-first ne reversed into
 * the row-major shape, values equal to the safetensors W they came from, for a non-square
 * matrix and a 4-D conv kernel), metadata as strings (arrays summarised), alignment, split sets
 * named by any part or by their directory, and which reader claims what.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {copyFileSync, mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {openCheckpoint} from '../../../src/core/checkpoint/index.js'
import {tempDir} from '../../helpers/cli.js'

const dir = new URL('../../fixtures/gguf/', import.meta.url).pathname
const real = new URL('../../fixtures/spectral/real/real-weights.safetensors', import.meta.url).pathname
const parts = [1, 2, 3].map((k) => join(dir, `tiny-llama-0000${k}-of-00003.gguf`))

test('orientation: the F32 GGUF holds exactly the safetensors W (non-square 1024x256 and 4-D conv)', async () => {
  const gguf = await openCheckpoint(join(dir, 'real-f32.gguf'))
  const st = await openCheckpoint(real)
  try {
    assert.equal(gguf.format, 'gguf')
    assert.deepEqual(
      gguf.tensors.map((t) => [t.name, t.shape]),
      st.tensors.map((t) => [t.name, t.shape]),
    )
    for (const t of st.tensors) {
      const g = gguf.tensors.find((e) => e.name === t.name)!
      assert.deepEqual(await gguf.readFloat32(g), await st.readFloat32(t), t.name)
    }
    // row 1 of W starts at element 256 in both: a transposed read would start it at element 1
    const w = await gguf.readFloat32(gguf.tensors.find((e) => e.name === 'faceres.feats.weight')!)
    const v = await st.readFloat32(st.tensors.find((e) => e.name === 'faceres.feats.weight')!)
    assert.equal(w[256], v[256])
  } finally {
    await gguf.close()
    await st.close()
  }
})

test('metadata: scalars as strings, arrays summarised, never expanded; alignment other than 32', async () => {
  const ck = await openCheckpoint(join(dir, 'mixed-quants.gguf'))
  try {
    assert.equal(ck.metadata['general.architecture'], 'llama')
    assert.equal(ck.metadata['general.alignment'], '64')
    assert.equal(ck.metadata['llama.attention.layer_norm_rms_epsilon'], '0.00001')
    assert.equal(ck.metadata['llama.rope.freq_base'], '10000')
    assert.equal(ck.metadata['llama.use_parallel_residual'], 'false')
    assert.equal(ck.metadata['fixture.i64'], String(-(2 ** 40)))
    assert.equal(ck.metadata['fixture.f64'], '0.1')
    assert.equal(ck.metadata['fixture.u8'], '255')
    assert.equal(ck.metadata['fixture.i16'], '-300')
    assert.equal(ck.metadata['tokenizer.ggml.tokens'], '[array of 5 string]')
    assert.equal(ck.metadata['tokenizer.ggml.scores'], '[array of 5 float32]')
    for (const t of ck.tensors) assert.equal(t.offset % 64, 0, t.name)
    assert.equal(ck.shards[0].headerBytes % 64, 0)
  } finally {
    await ck.close()
  }
})

test('split set: any part or the directory opens all three parts; metadata merged, tensors unique', async () => {
  for (const path of [parts[1], parts[0]]) {
    const ck = await openCheckpoint(path)
    try {
      assert.deepEqual(ck.files, parts)
      assert.equal(ck.tensors.length, 24)
      assert.deepEqual(
        ck.shards.map((s) => s.tensorCount),
        [8, 8, 8],
      )
      assert.equal(ck.metadata['general.architecture'], 'llama') // from part 1 only
      assert.equal(ck.metadata['split.count'], '3')
      assert.equal(ck.metadata['split.tensors.count'], '24')
      // natural name order across the parts
      assert.deepEqual(
        ck.tensors.slice(-4).map((t) => t.name),
        ['blk.2.ffn_up.weight', 'output.weight', 'output_norm.weight', 'token_embd.weight'],
      )
    } finally {
      await ck.close()
    }
  }
  const only = tempDir()
  for (const p of parts) copyFileSync(p, join(only, p.split('/').pop()!))
  const ck = await openCheckpoint(only)
  assert.equal(ck.layout.kind, 'directory')
  assert.equal(ck.files.length, 3)
  await ck.close()
})

test('a directory with several GGUF models is refused, naming them; one with safetensors goes to safetensors', async () => {
  await assert.rejects(openCheckpoint(dir), /GGUF models/)
  const mixed = tempDir()
  copyFileSync(join(dir, 'real-f32.gguf'), join(mixed, 'model.gguf'))
  copyFileSync(real, join(mixed, 'model.safetensors'))
  const ck = await openCheckpoint(mixed)
  assert.equal(ck.format, 'safetensors')
  await ck.close()
})

test('a .gguf file that is not GGUF gets the GGUF complaint (claimed by extension)', async () => {
  const d = tempDir()
  mkdirSync(d, {recursive: true})
  writeFileSync(join(d, 'x.gguf'), 'not a model at all')
  await assert.rejects(openCheckpoint(join(d, 'x.gguf')), /not a GGUF file/)
})
