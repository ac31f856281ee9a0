import {test} from 'node:test'
import assert from 'node:assert/strict'
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  writeSync,
  ftruncateSync,
} from 'node:fs'
import {join} from 'node:path'
import {openCheckpoint} from '../../../src/core/checkpoint/index.js'
import {writeSafetensors, type TensorToWrite} from '../../../src/core/safetensors/index.js'
import {InputError} from '../../../src/core/errors.js'
import {rawSafetensors} from '../../helpers/safetensors-bytes.js'
import {tempDir} from '../../helpers/cli.js'

const values = Float64Array.of(1.5, -2.25, 3, 0.1, -0, 65504)

test('round trip: every writable dtype reads back with its shape, size and values', async () => {
  const dir = tempDir()
  const tensors: TensorToWrite[] = [
    {name: 'f64', dtype: 'F64', shape: [2, 3], data: values},
    {name: 'f32', dtype: 'F32', shape: [3, 2], data: Float32Array.from(values)},
    {name: 'f16', dtype: 'F16', shape: [6], data: values},
    {name: 'bf16', dtype: 'BF16', shape: [1, 6], data: Float32Array.from(values)},
    {name: 'i8', dtype: 'I8', shape: [3], data: Int8Array.of(-128, 0, 127)},
    {name: 'i16', dtype: 'I16', shape: [2], data: Int16Array.of(-32768, 32767)},
    {name: 'i32', dtype: 'I32', shape: [2], data: Int32Array.of(-(2 ** 31), 2 ** 31 - 1)},
    {name: 'i64', dtype: 'I64', shape: [2], data: BigInt64Array.of(-(2n ** 53n), 2n ** 53n)},
    {name: 'u8', dtype: 'U8', shape: [2], data: Uint8Array.of(0, 255)},
    {name: 'bool', dtype: 'BOOL', shape: [3], data: Uint8Array.of(1, 0, 1)},
    {name: 'e4m3', dtype: 'F8_E4M3', shape: [3], bytes: Uint8Array.of(0x7e, 0x38, 0x01)},
    {name: 'e5m2', dtype: 'F8_E5M2', shape: [2], bytes: Uint8Array.of(0x7b, 0xfc)},
    {name: 'scalar', dtype: 'F32', shape: [], data: Float32Array.of(7)},
    {name: 'empty', dtype: 'F32', shape: [0, 4], data: new Float32Array(0)},
  ]
  const path = join(dir, 'all.safetensors')
  writeSafetensors(path, tensors, {format: 'pt'})
  const ckpt = await openCheckpoint(path)
  try {
    assert.deepEqual(ckpt.metadata, {format: 'pt'})
    assert.equal(ckpt.tensors.length, tensors.length)
    const byName = new Map(ckpt.tensors.map((t) => [t.name, t]))
    const read64 = async (name: string) => [...(await ckpt.readFloat64(byName.get(name)!))]
    assert.deepEqual(await read64('f64'), [...values])
    assert.deepEqual(await read64('f32'), [...Float32Array.from(values)])
    assert.deepEqual(await read64('f16'), [1.5, -2.25, 3, 0.0999755859375, -0, 65504]) // 0.1 → nearest binary16
    assert.deepEqual(await read64('bf16'), [1.5, -2.25, 3, 0.10009765625, -0, 65536]) // 0.1 and 65504 → nearest bfloat16
    assert.deepEqual(await read64('i8'), [-128, 0, 127])
    assert.deepEqual(await read64('i16'), [-32768, 32767])
    assert.deepEqual(await read64('i32'), [-(2 ** 31), 2 ** 31 - 1])
    assert.deepEqual(await read64('i64'), [-(2 ** 53), 2 ** 53])
    assert.deepEqual(await read64('u8'), [0, 255])
    assert.deepEqual(await read64('bool'), [1, 0, 1])
    assert.deepEqual(await read64('e4m3'), [448, 1, 2 ** -9])
    assert.deepEqual(await read64('e5m2'), [57344, -Infinity])
    assert.deepEqual(await read64('scalar'), [7])
    assert.deepEqual(await read64('empty'), [])
    assert.deepEqual([...(await ckpt.readFloat32(byName.get('f64')!))], [...Float32Array.from(values)])
    assert.deepEqual(byName.get('f16')!.shape, [6])
    assert.equal(byName.get('i64')!.byteLength, 16)
    assert.equal(byName.get('empty')!.byteLength, 0)
  } finally {
    await ckpt.close()
  }
})

test('writer layout: u64 LE length, header padded with spaces to a multiple of 8, data 8-aligned and contiguous', () => {
  const dir = tempDir()
  const path = join(dir, 'm.safetensors')
  writeSafetensors(path, [
    {name: 'a', dtype: 'F16', shape: [3], data: Float32Array.of(1, 2, 3)},
    {name: 'b', dtype: 'F32', shape: [1], data: Float32Array.of(4)},
  ])
  const bytes = readFileSync(path)
  const n = Number(bytes.readBigUInt64LE(0))
  assert.equal(n % 8, 0)
  const text = bytes.subarray(8, 8 + n).toString('utf8')
  assert.match(text, /^\{.*\} *$/)
  assert.deepEqual(JSON.parse(text), {
    a: {dtype: 'F16', shape: [3], data_offsets: [0, 6]},
    b: {dtype: 'F32', shape: [1], data_offsets: [6, 10]},
  })
  assert.equal(bytes.length, 8 + n + 10)
  assert.deepEqual([...bytes.subarray(8 + n, 8 + n + 6)], [0x00, 0x3c, 0x00, 0x40, 0x00, 0x42])
})

/** Layer i's tensors go to a scrambled shard; shard file names do not follow layer order. */
function writeScrambledShards(dir: string): {names: string[]; weightMap: Record<string, string>} {
  const shardNames = ['c-last.safetensors', 'a-first.safetensors', 'b-middle.safetensors']
  const groups: TensorToWrite[][] = [[], [], []]
  const weightMap: Record<string, string> = {}
  const names: string[] = []
  for (const layer of [11, 3, 0, 10, 2, 7, 1, 9, 4, 8, 6, 5]) {
    for (const part of ['mlp.up', 'attn.q']) {
      const name = `model.layers.${layer}.${part}.weight`
      const shard = (layer * 7) % 3
      groups[shard].push({name, dtype: 'F32', shape: [2], data: Float32Array.of(layer, part.length)})
      weightMap[name] = shardNames[shard]
      names.push(name)
    }
  }
  groups.forEach((g, k) => writeSafetensors(join(dir, shardNames[k]), g))
  return {names, weightMap}
}

test('shards in scrambled order come back in natural name order, from a directory and from an index', async () => {
  const dir = tempDir()
  const {weightMap} = writeScrambledShards(dir)
  const expected = Array.from({length: 12}, (_, l) => [
    `model.layers.${l}.attn.q.weight`,
    `model.layers.${l}.mlp.up.weight`,
  ]).flat()
  const fromDir = await openCheckpoint(dir)
  assert.deepEqual(
    fromDir.tensors.map((t) => t.name),
    expected,
  )
  assert.equal(fromDir.files.length, 3)
  const layer10 = fromDir.tensors.find((t) => t.name === 'model.layers.10.mlp.up.weight')!
  assert.deepEqual([...(await fromDir.readFloat32(layer10))], [10, 6])
  await fromDir.close()
  writeFileSync(
    join(dir, 'model.safetensors.index.json'),
    JSON.stringify({metadata: {total_size: 192}, weight_map: weightMap}),
  )
  for (const path of [dir, join(dir, 'model.safetensors.index.json')]) {
    const ckpt = await openCheckpoint(path)
    assert.deepEqual(
      ckpt.tensors.map((t) => t.name),
      expected,
    )
    assert.equal(ckpt.layout.indexFile, join(dir, 'model.safetensors.index.json'))
    assert.deepEqual([...(await ckpt.readFloat32(ckpt.tensors[4]))], [2, 6])
    await ckpt.close()
  }
})

async function rejects(path: string, pattern: RegExp): Promise<void> {
  await assert.rejects(openCheckpoint(path), (error: unknown) => {
    assert.ok(error instanceof InputError, String(error))
    assert.equal(error.exitCode, 2)
    assert.match(error.oneLine, pattern)
    return true
  })
}

test('a weight_map naming a file outside its directory is refused (.., absolute path, symlink)', async () => {
  const outer = tempDir()
  const dir = join(outer, 'ckpt')
  mkdirSync(dir)
  writeSafetensors(join(outer, 'secret.safetensors'), [{name: 'w', dtype: 'F32', shape: [1], data: Float32Array.of(1)}])
  symlinkSync(join(outer, 'secret.safetensors'), join(dir, 'link.safetensors'))
  const index = join(dir, 'model.safetensors.index.json')
  for (const shard of ['../secret.safetensors', join(outer, 'secret.safetensors'), 'link.safetensors']) {
    writeFileSync(index, JSON.stringify({weight_map: {w: shard}}))
    await rejects(
      index,
      /model\.safetensors\.index\.json: weight_map: tensor w: shard .* is outside the index's directory/,
    )
  }
})

test('index and shard inconsistencies are input errors naming the file and tensor', async () => {
  const dir = tempDir()
  writeSafetensors(join(dir, 'a.safetensors'), [{name: 'w', dtype: 'F32', shape: [1], data: Float32Array.of(1)}])
  writeSafetensors(join(dir, 'b.safetensors'), [{name: 'w', dtype: 'F32', shape: [1], data: Float32Array.of(2)}])
  await rejects(dir, /b\.safetensors: tensor w: tensor w is also in a\.safetensors/)
  const index = join(dir, 'model.safetensors.index.json')
  writeFileSync(index, JSON.stringify({weight_map: {w: 'a.safetensors', v: 'a.safetensors'}}))
  await rejects(
    index,
    /index\.json: weight_map: tensor v: weight_map names shard a\.safetensors, which has no such tensor/,
  )
  writeFileSync(index, JSON.stringify({weight_map: {w: 'missing.safetensors'}}))
  await rejects(index, /index\.json: weight_map: shard missing\.safetensors named in weight_map does not exist/)
  writeFileSync(index, '{"weight_map": [')
  await rejects(index, /index\.json: not valid JSON/)
  // some other JSON (a report, a config): named for what it is not, not for a missing field (issue 15)
  const report = join(dir, 'spectral.json')
  writeFileSync(report, JSON.stringify({schema: 'infolens.spectral/1', result: {}}))
  await rejects(report, /spectral\.json: not a safetensors index \(expected a model\.safetensors\.index\.json/)
  writeFileSync(index, JSON.stringify({weight_map: ['a.safetensors']}))
  await rejects(index, /index\.json: weight_map: expected an object mapping tensor names to shard files/)
})

test('header validation: each bad header is an InputError naming file, tensor or field and the expectation', async () => {
  const dir = tempDir()
  const cases: [string, Buffer, RegExp][] = [
    ['short', Buffer.from([1, 0, 0]), /short\.safetensors: header: file too short \(3 bytes\)/],
    [
      'huge-header',
      Buffer.concat([Buffer.from([0, 0, 0, 0, 1, 0, 0, 0]), Buffer.from('{}')]),
      /header: header length 4294967296 exceeds the 100 MB limit/,
    ],
    [
      'header-past-end',
      rawSafetensors({}).subarray(0, 12),
      /header-past-end\.safetensors: header: header length 8 runs past the end of the file \(12 bytes\)/,
    ],
    ['bad-json', rawSafetensors('{"w": {'), /bad-json\.safetensors: header: header is not valid JSON/],
    ['array', rawSafetensors('[1, 2]'), /header: header must be a JSON object/],
    [
      'bad-utf8',
      Buffer.concat([
        rawSafetensors('{}').subarray(0, 8),
        Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x20, 0x20, 0x20, 0x20]),
      ]),
      /header is not valid UTF-8/,
    ],
    [
      'unknown-dtype',
      rawSafetensors({w: {dtype: 'F33', shape: [1], data_offsets: [0, 4]}}, 4),
      /tensor w: unknown dtype "F33" \(expected one of BOOL, U8/,
    ],
    [
      'unsupported-dtype',
      rawSafetensors({w: {dtype: 'F4', shape: [2], data_offsets: [0, 1]}}, 1),
      /tensor w: dtype F4 is not supported yet/,
    ],
    [
      'size-mismatch',
      rawSafetensors({w: {dtype: 'F32', shape: [2, 3], data_offsets: [0, 20]}}, 20),
      /tensor w: shape \[2,3\] x F32 \(4 bytes\) needs 24 bytes, but data_offsets \[0, 20\] span 20/,
    ],
    [
      'bad-shape',
      rawSafetensors({w: {dtype: 'F32', shape: [-1], data_offsets: [0, 4]}}, 4),
      /tensor w: shape: expected an array of non-negative integers/,
    ],
    [
      'bad-offsets',
      rawSafetensors({w: {dtype: 'F32', shape: [1], data_offsets: [4, 0]}}, 4),
      /tensor w: data_offsets: expected \[begin, end\]/,
    ],
    [
      'overlap',
      rawSafetensors(
        {a: {dtype: 'F32', shape: [2], data_offsets: [0, 8]}, b: {dtype: 'F32', shape: [2], data_offsets: [4, 12]}},
        12,
      ),
      /tensor b: data_offsets \[4, 12\] overlap tensor a \[0, 8\]/,
    ],
    [
      'gap',
      rawSafetensors({a: {dtype: 'F32', shape: [1], data_offsets: [4, 8]}}, 8),
      /tensor a: data_offsets start at 4: expected 0/,
    ],
    [
      'out-of-range',
      rawSafetensors({a: {dtype: 'F32', shape: [4], data_offsets: [0, 16]}}, 8),
      /tensor a: data_offsets \[0, 16\] run past the end of the data buffer \(8 bytes\)/,
    ],
    [
      'trailing',
      rawSafetensors({a: {dtype: 'F32', shape: [1], data_offsets: [0, 4]}}, 8),
      /data_offsets: data buffer is 8 bytes but the tensors cover 4/,
    ],
    ['metadata', rawSafetensors({__metadata__: {n: 1}}), /__metadata__: key "n": expected a string value/],
  ]
  for (const [name, bytes, pattern] of cases) {
    const path = join(dir, `${name}.safetensors`)
    writeFileSync(path, bytes)
    await rejects(path, pattern)
  }
})

test('missing paths and directories without safetensors are input errors', async () => {
  const dir = tempDir()
  await rejects(
    join(dir, 'nope.safetensors'),
    /nope\.safetensors: no such file or directory \(expected (.*; or )?a \.safetensors file, a directory of shards/,
  )
  writeFileSync(join(dir, 'notes.txt'), 'hi')
  await rejects(dir, /directory holds no \.safetensors files and no model\.safetensors\.index\.json/)
})

test('a file truncated after opening fails the read with an input error, not a short tensor', async () => {
  const dir = tempDir()
  const path = join(dir, 'm.safetensors')
  writeSafetensors(path, [{name: 'w', dtype: 'F32', shape: [1024], data: new Float32Array(1024)}])
  const ckpt = await openCheckpoint(path)
  const fd = openSync(path, 'r+')
  ftruncateSync(fd, statSync(path).size - 100)
  closeSync(fd)
  await assert.rejects(ckpt.readFloat32(ckpt.tensors[0]), (error: InputError) => {
    assert.match(error.oneLine, /m\.safetensors: tensor w: file ended at byte \d+, expected 100 more bytes/)
    return true
  })
  await ckpt.close()
})

test('files over 4 GiB: offsets past 2^32 read correctly (sparse 5 GiB file)', async (t) => {
  const dir = tempDir()
  const path = join(dir, 'big.safetensors')
  const padding = 5 * 2 ** 30
  const header = {
    pad: {dtype: 'U8', shape: [padding], data_offsets: [0, padding]},
    w: {dtype: 'F32', shape: [3], data_offsets: [padding, padding + 12]},
  }
  const head = rawSafetensors(header)
  const fd = openSync(path, 'w')
  try {
    writeSync(fd, head, 0, head.length, 0)
    ftruncateSync(fd, head.length + padding + 12)
    const w = Buffer.from(Float32Array.of(1.25, -7, 3e38).buffer)
    writeSync(fd, w, 0, 12, head.length + padding)
  } finally {
    closeSync(fd)
  }
  const st = statSync(path)
  if (st.blocks * 512 > 2 ** 30) {
    rmSync(path)
    t.skip('filesystem does not keep sparse files sparse')
    return
  }
  const ckpt = await openCheckpoint(path)
  try {
    const w = ckpt.tensors.find((x) => x.name === 'w')!
    assert.equal(w.offset, head.length + padding)
    assert.ok(w.offset > 2 ** 32)
    assert.deepEqual([...(await ckpt.readFloat32(w))], [1.25, -7, Math.fround(3e38)])
  } finally {
    await ckpt.close()
    rmSync(path)
  }
})
