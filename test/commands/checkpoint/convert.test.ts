/**
 * `checkpoint convert`: exact F32 round trip, lossless types kept, casts that round counted (checked by
 * decoding the written file), GGUF names mapped back with the q/k permutation undone, shards plus index,
 * one tensor in memory at a time, and nothing left behind by a failure mid-way or bad input.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {existsSync, readdirSync} from 'node:fs'
import {join} from 'node:path'
import {openCheckpoint, type Checkpoint} from '../../../src/core/checkpoint/index.js'
import {convertCheckpoint} from '../../../src/core/checkpoint/convert/convert-checkpoint.js'
import {runCli, runCliJson, tempDir} from '../../helpers/cli.js'
import {assertMatchesSchema} from '../../helpers/schema.js'

const fixtures = new URL('../../fixtures/damage/', import.meta.url).pathname
const A = join(fixtures, 'a.safetensors')

async function values(path: string): Promise<Map<string, {dtype: string; shape: number[]; data: Float32Array}>> {
  const ck = await openCheckpoint(path)
  const out = new Map()
  for (const e of ck.tensors) out.set(e.name, {dtype: e.dtype, shape: e.shape, data: await ck.readFloat32(e)})
  await ck.close()
  return out
}

test('F32 round trip: every name, shape and value exactly as in the input', async () => {
  const out = join(tempDir(), 'out.safetensors')
  const {json, result} = runCliJson(['checkpoint', 'convert', A, out])
  assert.equal(result.status, 0, result.stderr)
  assertMatchesSchema(json, 'checkpoint-convert.schema.json')
  assert.ok(json.result.tensors.every((t: any) => t.kind === 'kept' && t.roundedValues === 0))
  const [a, b] = [await values(A), await values(out)]
  assert.deepEqual([...b.keys()], [...a.keys()])
  for (const [name, t] of a) assert.deepEqual(b.get(name), t, name)
})

test('BF16 stays BF16 by default; --dtype bf16 on F32 counts exactly the values that rounded', async () => {
  const dir = tempDir()
  const kept = join(dir, 'kept.safetensors')
  const bf16 = join(fixtures, 'b-bf16.safetensors')
  assert.equal(runCli(['checkpoint', 'convert', bf16, kept]).status, 0)
  for (const [name, t] of await values(kept)) {
    assert.equal(t.dtype, 'BF16', name)
    assert.deepEqual(t.data, (await values(bf16)).get(name)!.data, name)
  }
  const cast = join(dir, 'cast.safetensors')
  const {json} = runCliJson(['checkpoint', 'convert', A, cast, '--dtype', 'bf16'])
  const [a, b] = [await values(A), await values(cast)]
  for (const row of json.result.tensors) {
    const x = a.get(row.source)!.data
    const y = b.get(row.name)!.data
    const changed = x.reduce((n, v, i) => n + (v === y[i] ? 0 : 1), 0)
    assert.equal(row.kind, 'cast')
    assert.equal(row.roundedValues, changed, row.name)
  }
  assert.ok(json.result.totals.castsThatRounded > 0)
})

test('--hf-names: GGUF names mapped back and llama q/k rows un-permuted (damage equals the reference)', () => {
  const dir = tempDir()
  const out = join(dir, 'hf.safetensors')
  const {json} = runCliJson(['checkpoint', 'convert', join(fixtures, 'b-q4_0-gguf.safetensors'), out, '--hf-names'])
  const q = json.result.tensors.find((t: any) => t.source === 'blk.0.attn_q.weight')
  assert.equal(q.name, 'model.layers.0.self_attn.q_proj.weight')
  assert.equal(q.unpermutedHeads, 4)
  assert.equal(json.result.tensors.find((t: any) => t.source === 'blk.0.attn_k.weight').unpermutedHeads, 2)
  // the converted copy now pairs by plain name; its q/k errors are the reference's (same W, same order)
  const diff = runCliJson(['spectral', 'diff', A, out])
  const k = diff.json.result.damage.layers.find((l: any) => l.name === 'model.layers.1.self_attn.k_proj.weight')
  assert.equal(k.b_name, k.name)
  assert.ok(k.rel_frobenius < 0.1, String(k.rel_frobenius))
})

test('--max-shard-size: shards and an index that read back as the same checkpoint', async () => {
  const dir = tempDir()
  const out = join(dir, 'model.safetensors')
  assert.equal(runCli(['checkpoint', 'convert', A, out, '--max-shard-size', '0.1']).status, 2, 'MiB is an integer')
  const sharded = runCliJson(['checkpoint', 'convert', A, out, '--max-shard-size', '1'])
  assert.equal(sharded.result.status, 0, sharded.result.stderr)
  assert.equal(sharded.json.result.output.files.length, 1, '300 KB fits one 1 MiB shard: one plain file')
  // a checkpoint larger than the limit: the demo model (1.5 MB of F32) in 1 MiB shards
  const demo = join(dir, 'demo')
  assert.equal(runCli(['demo', 'checkpoint', demo, '--quiet']).status, 0)
  const r = runCliJson(['checkpoint', 'convert', join(demo, 'model.safetensors'), out, '--max-shard-size', '1'])
  assert.equal(r.result.status, 0, r.result.stderr)
  assert.ok(r.json.result.output.files.length > 1, 'the 1.5 MB demo model needs two shards')
  assert.ok(r.json.result.output.index.endsWith('model.safetensors.index.json'))
  const [a, b] = [await values(join(demo, 'model.safetensors')), await values(r.json.result.output.index)]
  for (const [name, t] of a) assert.deepEqual(b.get(name), t, name)
})

test('a failure mid-way leaves no output and no temporary file; one tensor is read at a time', async () => {
  const ck = await openCheckpoint(A)
  let reads = 0
  let outstanding = 0
  let most = 0
  const failing: Checkpoint = {
    ...ck,
    format: ck.format,
    tensors: ck.tensors,
    metadata: ck.metadata,
    async readFloat32(e) {
      outstanding++
      most = Math.max(most, outstanding)
      if (++reads === 5) throw new Error('disk went away')
      const v = await ck.readFloat32(e)
      outstanding--
      return v
    },
    readFloat64: (e) => ck.readFloat64(e),
    close: () => ck.close(),
  }
  const dir = tempDir()
  await assert.rejects(convertCheckpoint(failing, A, join(dir, 'out.safetensors'), {hfNames: false}), /disk went away/)
  assert.deepEqual(readdirSync(dir), [])
  assert.equal(most, 1)
  await ck.close()
})

test('bad input: missing input, output over the input: exit 2, one line, nothing written', () => {
  const dir = tempDir()
  const missing = runCli(['checkpoint', 'convert', join(dir, 'nope.gguf'), join(dir, 'o.safetensors')])
  assert.equal(missing.status, 2)
  assert.match(missing.stderr, /^infolens: error: .*nope\.gguf: no such file/)
  assert.equal(missing.stderr.trim().split('\n').length, 1)
  const same = runCli(['checkpoint', 'convert', A, A])
  assert.equal(same.status, 2)
  assert.equal(same.stderr.trim().split('\n').length, 1)
  assert.deepEqual(readdirSync(dir), [])
  assert.ok(existsSync(A))
})
