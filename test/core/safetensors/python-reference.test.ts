import {test} from 'node:test'
import assert from 'node:assert/strict'
import {createHash} from 'node:crypto'
import {join} from 'node:path'
import {openCheckpoint} from '../../../src/core/checkpoint/index.js'
import {writeSafetensors, type TensorToWrite} from '../../../src/core/safetensors/index.js'
import {inventoryCheckpoint} from '../../../src/core/checkpoint/inventory.js'
import {writeDemoCheckpoint} from '../../../src/core/checkpoint/demo-checkpoint.js'
import {buildDemoTransformer} from '../../../src/core/checkpoint/synthetic/demo-transformer.js'
import {tempDir} from '../../helpers/cli.js'
import {NO_NUMPY, numpyPython, runPythonJson} from '../../helpers/numpy-python.js'
import {nonEmpty} from '../../helpers/fixture.js'

const reader = new URL('../../fixtures/checkpoint/read_safetensors.py', import.meta.url).pathname
const python = numpyPython()

function sha256OfFloat32(values: Float32Array): string {
  return createHash('sha256')
    .update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength))
    .digest('hex')
}

/** Values that exercise rounding: F16 ties, subnormals, overflow, BF16 ties, inf and NaN. */
const EDGE = Float32Array.of(
  1 + 2 ** -11,
  1 + 3 * 2 ** -11,
  2 ** -25,
  3 * 2 ** -25,
  65519,
  65520,
  -1e6,
  1 + 2 ** -8,
  1 + 3 * 2 ** -8,
  1e-40,
  Infinity,
  -Infinity,
  Number.NaN,
  -0,
  0.1,
  3e38,
)

/** Demo checkpoint (F32, BF16, 3 shards) plus F16 and BF16 copies with an edge-value tensor. */
function writeCheckpoints(dir: string): Record<string, string> {
  const demo = writeDemoCheckpoint(dir, 0)
  const tensors = [
    ...buildDemoTransformer(0).map((t) => ({name: t.name, shape: t.shape, data: t.data})),
    {name: 'edge', shape: [EDGE.length], data: EDGE},
  ]
  const as = (dtype: TensorToWrite['dtype']) => tensors.map((t) => ({...t, dtype}))
  writeSafetensors(join(dir, 'edge-f32.safetensors'), as('F32'))
  writeSafetensors(join(dir, 'edge-f16.safetensors'), as('F16'))
  writeSafetensors(join(dir, 'edge-bf16.safetensors'), as('BF16'))
  return {
    f32: demo.files[0].path,
    bf16: demo.files[1].path,
    sharded: join(dir, 'sharded'),
    index: join(dir, 'sharded', 'model.safetensors.index.json'),
    edgeF32: join(dir, 'edge-f32.safetensors'),
    edgeF16: join(dir, 'edge-f16.safetensors'),
    edgeBF16: join(dir, 'edge-bf16.safetensors'),
  }
}

test('independent numpy reader: same names, shapes, dtypes, parameters, bytes, shards and decoded values', async (t) => {
  if (!python) return t.skip(NO_NUMPY)
  const dir = tempDir()
  const paths = writeCheckpoints(dir)
  const keys = Object.keys(paths)
  const reference = runPythonJson<any[]>(python, reader, Object.values(paths))
  for (const [i, key] of keys.entries()) {
    const ref = reference[i]
    const ckpt = await openCheckpoint(paths[key])
    try {
      const inv = inventoryCheckpoint(ckpt, paths[key])
      const strip = (x: any) => ({
        name: x.name,
        dtype: x.dtype,
        shape: x.shape,
        parameters: x.parameters,
        bytes: x.bytes,
        shard: x.shard,
      })
      assert.deepEqual(inv.tensors.map(strip), ref.tensors.map(strip), key)
      assert.deepEqual(
        {...inv.totals, parametersByDtype: undefined, bytesByDtype: undefined, quantizedDtypes: undefined},
        {...ref.totals, parametersByDtype: undefined, bytesByDtype: undefined, quantizedDtypes: undefined},
        key,
      )
      for (const [j, entry] of ckpt.tensors.entries()) {
        const values = await ckpt.readFloat32(entry)
        assert.equal(
          sha256OfFloat32(values),
          ref.tensors[j].sha256,
          `${key} ${entry.name}: decoded float32 values differ from numpy's`,
        )
      }
    } finally {
      await ckpt.close()
    }
  }
  // Our F16/BF16 writer rounds exactly as numpy's astype(float16) and the spec's RNE bf16 formula.
  const byName = (k: number) => new Map<string, any>(reference[k].tensors.map((x: any) => [x.name, x]))
  const f32 = byName(keys.indexOf('edgeF32'))
  const f16 = byName(keys.indexOf('edgeF16'))
  const bf16 = byName(keys.indexOf('edgeBF16'))
  assert.equal(f32.size, 27)
  for (const [name, row] of f32) {
    assert.equal(f16.get(name).sha256, row.f16_sha256, `F16 rounding of ${name}`)
    assert.equal(bf16.get(name).sha256, row.bf16_sha256, `BF16 rounding of ${name}`)
  }
  // The sharded copy holds the same values as the single F32 file.
  const single = byName(keys.indexOf('f32'))
  for (const row of nonEmpty(reference[keys.indexOf('sharded')].tensors, 'sharded reference tensors'))
    assert.equal(row.sha256, single.get(row.name).sha256)
})
