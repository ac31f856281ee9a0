/**
 * The PyTorch reader against torch itself: every fixture written by make-fixtures.py
 * (torch 1.13) is opened through openCheckpoint and each tensor's dtype, shape and
 * values must equal what torch.load returned, exactly (SHA-256 of the float64 and
 * float32 values, and the values themselves for small tensors).
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {createHash} from 'node:crypto'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {openCheckpoint, type Checkpoint} from '../../../src/core/checkpoint/index.js'
import {nonEmptyEntries} from '../../helpers/fixture.js'
import {tempDir} from '../../helpers/cli.js'
import {rawSafetensors} from '../../helpers/safetensors-bytes.js'

const DIR = new URL('../../fixtures/pytorch/', import.meta.url).pathname

interface TensorReference {
  dtype: string
  shape: number[]
  stride: number[]
  storageOffset: number
  sha256F64: string
  sha256F32: string
  values?: (number | string)[]
}

const reference = JSON.parse(readFileSync(join(DIR, 'reference.json'), 'utf8')) as {
  files: Record<string, Record<string, TensorReference>>
}

const sha256 = (a: Float32Array | Float64Array) =>
  createHash('sha256')
    .update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength))
    .digest('hex')

const asPython = (v: number) => (Number.isNaN(v) ? 'nan' : v === Infinity ? 'inf' : v === -Infinity ? '-inf' : v)

async function withCheckpoint(path: string, run: (ck: Checkpoint) => Promise<void>): Promise<void> {
  const ck = await openCheckpoint(path)
  try {
    await run(ck)
  } finally {
    await ck.close()
  }
}

for (const [file, tensors] of nonEmptyEntries(reference.files, 'reference.json files')) {
  if (file.includes('/')) continue // shards: checked below as one sharded checkpoint
  test(`${file}: names, dtypes, shapes and values equal torch.load's`, async () => {
    await withCheckpoint(join(DIR, file), async (ck) => {
      assert.equal(ck.format, 'pytorch')
      assert.deepEqual(ck.tensors.map((t) => t.name).sort(), Object.keys(tensors).sort())
      for (const entry of ck.tensors) {
        const ref = tensors[entry.name]
        assert.equal(entry.dtype, ref.dtype, entry.name)
        assert.deepEqual(entry.shape, ref.shape, entry.name)
        const f64 = await ck.readFloat64(entry)
        if (ref.values) assert.deepEqual([...f64].map(asPython), ref.values, entry.name)
        assert.equal(sha256(f64), ref.sha256F64, `${entry.name} float64`)
        assert.equal(sha256(await ck.readFloat32(entry)), ref.sha256F32, `${entry.name} float32`)
      }
    })
  })
}

test('views.pt holds the strided cases it claims (else the gather is not exercised)', () => {
  const views = reference.files['views.pt']
  assert.deepEqual(views['transposed.weight'].stride, [1, 3])
  assert.deepEqual(views['expanded'].stride, [0, 1])
  assert.deepEqual(views['shared.every_other'].stride, [16, 3])
  assert.equal(views['shared.columns'].storageOffset, 11)
  assert.deepEqual(views['conv.weight'].stride, [12, 2, 1, 4])
})

test('a sharded directory and its index read the same tensors as the single file', async () => {
  const single = reference.files['real-weights.bin']
  for (const path of [join(DIR, 'sharded'), join(DIR, 'sharded', 'pytorch_model.bin.index.json')]) {
    await withCheckpoint(path, async (ck) => {
      assert.equal(ck.files.length, 2)
      assert.deepEqual(
        ck.tensors.map((t) => t.name),
        Object.keys(single).sort(),
      )
      for (const entry of ck.tensors) assert.equal(sha256(await ck.readFloat64(entry)), single[entry.name].sha256F64)
    })
  }
})

test('nested.pt: dotted names, non-tensor leaves counted by type in the metadata', async () => {
  await withCheckpoint(join(DIR, 'nested.pt'), async (ck) => {
    assert.deepEqual(
      ck.tensors.map((t) => t.name),
      ['buffers.0', 'buffers.1', 'model.encoder.weight', 'state_dict.bias', 'state_dict.weight'],
    )
    // epoch, lr, steps (2) → number 4; name → str; flags → bool, None; dtype → torch.float16
    assert.deepEqual(ck.metadata, {non_tensor_leaves: '8 (None 1, bool 1, number 4, str 1, torch.dtype 1)'})
  })
})

test('entries report the bytes of their elements and the position of their first element', async () => {
  await withCheckpoint(join(DIR, 'views.pt'), async (ck) => {
    const byName = new Map(ck.tensors.map((t) => [t.name, t]))
    const rows = byName.get('shared.rows')!
    const full = byName.get('shared.full')!
    assert.equal(rows.byteLength, 2 * 8 * 4)
    assert.equal(rows.offset - full.offset, 16 * 4) // base[2:4] starts 16 elements into the shared storage
    assert.equal(byName.get('empty')!.byteLength, 0)
    assert.deepEqual(byName.get('scalar')!.shape, [])
  })
})

test('a safetensors file whose header length starts like a pickle (640 = 80 02 …) is still read as safetensors', async () => {
  const header = JSON.stringify({w: {dtype: 'F32', shape: [2], data_offsets: [0, 8]}})
  const bytes = rawSafetensors(
    header.padEnd(640, ' '),
    Uint8Array.from(Buffer.from(Float32Array.of(1.5, -2).buffer)),
    false,
  )
  assert.deepEqual([...bytes.subarray(0, 2)], [0x80, 0x02])
  const path = join(tempDir(), 'pickle-like.safetensors')
  writeFileSync(path, bytes)
  await withCheckpoint(path, async (ck) => {
    assert.equal(ck.format, 'safetensors')
    assert.deepEqual([...(await ck.readFloat64(ck.tensors[0]))], [1.5, -2])
  })
})
