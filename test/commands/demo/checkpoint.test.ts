import {test} from 'node:test'
import assert from 'node:assert/strict'
import {createHash} from 'node:crypto'
import {readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {openCheckpoint} from '../../../src/core/checkpoint/index.js'
import {runCli, runCliJson, tempDir} from '../../helpers/cli.js'
import {assertMatchesSchema} from '../../helpers/schema.js'

const reference = JSON.parse(
  readFileSync(new URL('../../fixtures/checkpoint/demo-seed0.json', import.meta.url), 'utf8'),
)

function fileHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else out[p.slice(dir.length)] = createHash('sha256').update(readFileSync(p)).digest('hex')
    }
  }
  walk(dir)
  return out
}

/** Largest eigenvalue of WWᵀ over its mean eigenvalue (power iteration on the Gram matrix). */
function topEigenvalueRatio(w: Float64Array, rows: number, cols: number): number {
  const g = new Float64Array(rows * rows)
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < rows; j++) {
      let s = 0
      for (let k = 0; k < cols; k++) s += w[i * cols + k] * w[j * cols + k]
      g[i * rows + j] = s
    }
  let v = new Float64Array(rows).fill(1)
  let lambda = 0
  for (let it = 0; it < 500; it++) {
    const u = new Float64Array(rows)
    for (let i = 0; i < rows; i++) for (let j = 0; j < rows; j++) u[i] += g[i * rows + j] * v[j]
    lambda = Math.hypot(...u)
    v = u.map((x) => x / lambda)
  }
  let trace = 0
  for (let i = 0; i < rows; i++) trace += g[i * rows + i]
  return lambda / (trace / rows)
}

test('demo checkpoint: F32, BF16 and 3 shards + index, < 5 MB, report matches its schema', async () => {
  const dir = tempDir()
  const {json, result} = runCliJson(['demo', 'checkpoint', dir])
  assert.equal(result.status, 0, result.stderr)
  assertMatchesSchema(json, 'demo.schema.json')
  assert.equal(json.seed, 0)
  assert.deepEqual(Object.keys(fileHashes(dir)).sort(), [
    '/model-bf16.safetensors',
    '/model.safetensors',
    '/sharded/model-00001-of-00003.safetensors',
    '/sharded/model-00002-of-00003.safetensors',
    '/sharded/model-00003-of-00003.safetensors',
    '/sharded/model.safetensors.index.json',
  ])
  const total = json.result.files.reduce((a: number, f: any) => a + f.bytes, 0)
  assert.ok(total < 5 * 2 ** 20, `demo is ${total} bytes`)
  const shardTensors = json.result.files.filter((f: any) => f.role === 'shard').map((f: any) => f.tensors)
  assert.equal(shardTensors.length, 3)
  assert.equal(
    shardTensors.reduce((a: number, b: number) => a + b, 0),
    json.result.tensors,
  )
  const index = JSON.parse(readFileSync(join(dir, 'sharded', 'model.safetensors.index.json'), 'utf8'))
  assert.equal(Object.keys(index.weight_map).length, json.result.tensors)
  assert.equal(index.metadata.total_size, reference.files['model.safetensors'].totals.bytes)
})

test('demo checkpoint is deterministic: seed 0 reproduces the committed numpy-read values; another seed differs', async () => {
  const a = tempDir()
  const b = tempDir()
  const c = tempDir()
  for (const [dir, seed] of [
    [a, '0'],
    [b, '0'],
    [c, '1'],
  ])
    assert.equal(runCli(['demo', 'checkpoint', dir, '--seed', seed, '--quiet']).status, 0)
  assert.deepEqual(fileHashes(a), fileHashes(b))
  assert.notEqual(fileHashes(a)['/model.safetensors'], fileHashes(c)['/model.safetensors'])
  for (const name of ['model.safetensors', 'model-bf16.safetensors']) {
    const ckpt = await openCheckpoint(join(a, name))
    const expected = reference.files[name].tensors
    assert.deepEqual(
      ckpt.tensors.map((t) => [t.name, t.dtype, t.shape]),
      expected.map((t: any) => [t.name, t.dtype, t.shape]),
    )
    for (const [i, entry] of ckpt.tensors.entries()) {
      const values = await ckpt.readFloat32(entry)
      const sha = createHash('sha256')
        .update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength))
        .digest('hex')
      assert.equal(sha, expected[i].sha256, `${name} ${entry.name}`)
    }
    await ckpt.close()
  }
})

test('demo weights have the planted character: RMS 0.02, random-like v_proj, correlation-trap spike', async () => {
  const dir = tempDir()
  assert.equal(runCli(['demo', 'checkpoint', dir, '--quiet']).status, 0)
  const ckpt = await openCheckpoint(join(dir, 'model.safetensors'))
  const get = async (name: string) => {
    const entry = ckpt.tensors.find((t) => t.name === name)!
    return {w: await ckpt.readFloat64(entry), rows: entry.shape[0], cols: entry.shape[1]}
  }
  for (const t of ckpt.tensors.filter((x) => x.shape.length === 2)) {
    const w = await ckpt.readFloat64(t)
    const rms = Math.sqrt(w.reduce((a, x) => a + x * x, 0) / w.length)
    assert.ok(Math.abs(rms - 0.02) < 1e-6, `${t.name}: RMS ${rms}`)
  }
  const v = await get('model.layers.0.self_attn.v_proj.weight')
  const trap = await get('model.layers.2.mlp.down_proj.weight')
  const rv = topEigenvalueRatio(v.w, v.rows, v.cols)
  const rt = topEigenvalueRatio(trap.w, trap.rows, trap.cols)
  // Marchenko–Pastur: λmax/mean → (1 + √(64/128))² ≈ 2.91 for a 64×128 Gaussian matrix.
  assert.ok(rv > 2.3 && rv < 3.5, `v_proj λmax/mean = ${rv}`)
  assert.ok(rt > 20, `correlation trap λmax/mean = ${rt}`)
  await ckpt.close()
})

test('demo checkpoint into a path that is a file: exit 2, one line', () => {
  const file = join(tempDir(), 'occupied')
  writeFileSync(file, 'x')
  const r = runCli(['demo', 'checkpoint', file])
  assert.equal(r.status, 2, r.stderr)
  assert.match(r.stderr, /^infolens: error: .*occupied: DIR: expected a directory, got an existing file\n$/)
})
