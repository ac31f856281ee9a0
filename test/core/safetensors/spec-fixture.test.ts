import {test} from 'node:test'
import assert from 'node:assert/strict'
import {createHash} from 'node:crypto'
import {readFileSync, rmSync} from 'node:fs'
import {join} from 'node:path'
import {openCheckpoint} from '../../../src/core/checkpoint/index.js'
import {tempDir} from '../../helpers/cli.js'
import {NO_NUMPY, numpyPython, runPython, runPythonJson} from '../../helpers/numpy-python.js'

const fixtures = new URL('../../fixtures/checkpoint/', import.meta.url).pathname
const python = numpyPython()

/** shared/specs/spectral.md §6.1: names, shapes (torch [out, in]) and the recorded BF16 file hash. */
const SPEC_TENSORS: [string, number[]][] = [
  ['model.layers.0.input_layernorm.weight', [768]],
  ['model.layers.0.mlp.down_proj.weight', [768, 3072]],
  ['model.layers.0.mlp.up_proj.bias', [3072]],
  ['model.layers.0.mlp.up_proj.weight', [3072, 768]],
  ['model.layers.0.self_attn.k_proj.weight', [768, 768]],
  ['model.layers.0.self_attn.o_proj.weight', [768, 768]],
  ['model.layers.0.self_attn.q_proj.weight', [768, 768]],
  ['model.layers.0.self_attn.v_proj.weight', [768, 768]],
  ['model.layers.1.mlp.down_proj.weight', [768, 3072]],
  ['model.layers.1.mlp.up_proj.weight', [3072, 768]],
]

test("spec §6.1 seed-0 fixture (BF16, written by the spec's numpy generator) reads exactly", async (t) => {
  if (!python) return t.skip(NO_NUMPY)
  const dir = tempDir()
  runPython(python, join(fixtures, 'gen_synth_model.py'), [dir, '--dtype', 'BF16'])
  const path = join(dir, 'model.safetensors')
  const sha = createHash('sha256').update(readFileSync(path)).digest('hex')
  assert.match(
    sha,
    /^64eb5dda[0-9a-f]{51}e2b2f$/,
    "the generator no longer reproduces the spec's recorded hash 64eb5dda…e2b2f",
  )
  const ckpt = await openCheckpoint(path)
  try {
    assert.deepEqual(ckpt.metadata, {format: 'pt'})
    assert.deepEqual(
      ckpt.tensors.map((x) => [x.name, x.shape]),
      SPEC_TENSORS,
    )
    assert.ok(ckpt.tensors.every((x) => x.dtype === 'BF16' && x.byteLength === 2 * x.shape.reduce((a, b) => a * b, 1)))
    const reference = runPythonJson<any[]>(python, join(fixtures, 'read_safetensors.py'), [path])[0]
    for (const [i, entry] of ckpt.tensors.entries()) {
      const values = await ckpt.readFloat32(entry)
      const digest = createHash('sha256')
        .update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength))
        .digest('hex')
      assert.equal(digest, reference.tensors[i].sha256, entry.name)
    }
    const norm = await ckpt.readFloat64(ckpt.tensors[0])
    assert.ok(
      norm.every((x) => x === 1),
      'the LayerNorm weight is all ones',
    )
    const q = await ckpt.readFloat64(ckpt.tensors[6])
    const rms = Math.sqrt(q.reduce((a, x) => a + x * x, 0) / q.length)
    assert.ok(Math.abs(rms - 0.02) < 1e-4, `q_proj element RMS ${rms}, spec: 0.02 (bf16 rounding ≤ 0.4 %)`)
  } finally {
    await ckpt.close()
    rmSync(dir, {recursive: true, force: true})
  }
})
