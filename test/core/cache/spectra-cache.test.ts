/**
 * The shared spectra cache (src/core/cache/spectra-cache.ts): entries carry the SHA-256 of their float64 data (checked
 * here with an independent hash of the file) and are verified on read; any damage, a foreign key field, another
 * view or an older entry format reads as a miss; a put replaces a damaged entry.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {createHash} from 'node:crypto'
import {mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {
  getCachedSingularValues,
  putCachedSingularValues,
  type SpectrumCacheKey,
} from '../../../src/core/cache/spectra-cache.js'

const key: SpectrumCacheKey = {
  fileSha256: 'b'.repeat(64),
  tensor: 'model.layers.0.w',
  shape: [8, 3, 2, 2],
  dtype: 'F32',
  view: 'conv2d-slices',
}
const values = Float64Array.from([3, 2.5, 1e-9, 0.75, 0.5, 0.25])

async function freshEntry() {
  const dir = mkdtempSync(join(tmpdir(), 'spectra-cache-'))
  await putCachedSingularValues(key, values, 'eigvalsh-gram', {dir})
  const data = join(
    dir,
    readdirSync(dir).find((f) => f.endsWith('.f64'))!,
  )
  const meta = join(
    dir,
    readdirSync(dir).find((f) => f.endsWith('.json'))!,
  )
  return {dir, data, meta}
}

test('an entry records size and the SHA-256 of its data, and reads back exactly', async () => {
  const {dir, data, meta} = await freshEntry()
  const json = JSON.parse(readFileSync(meta, 'utf8'))
  const bytes = readFileSync(data)
  assert.equal(json.sha256, createHash('sha256').update(bytes).digest('hex'))
  assert.equal(json.byteLength, 48)
  assert.equal(json.count, 6)
  assert.equal(json.view, 'conv2d-slices')
  assert.deepEqual(Array.from(new Float64Array(bytes.buffer, bytes.byteOffset, 6)), Array.from(values))
  const got = await getCachedSingularValues(key, {dir})
  assert.deepEqual(Array.from(got!.values), Array.from(values))
  assert.equal(got!.method, 'eigvalsh-gram')
})

test('a flipped byte, a truncated or a grown data file read as a miss; a put repairs the entry', async () => {
  for (const damage of ['flip', 'truncate', 'grow'] as const) {
    const {dir, data} = await freshEntry()
    const bytes = readFileSync(data)
    if (damage === 'flip') bytes[13] ^= 0x01 // low mantissa bit of values[1]: still a valid, plausible σ
    if (damage === 'flip') writeFileSync(data, bytes)
    if (damage === 'truncate') truncateSync(data, 40)
    if (damage === 'grow') writeFileSync(data, Buffer.concat([bytes, Buffer.alloc(8)]))
    assert.equal(await getCachedSingularValues(key, {dir}), undefined, damage)
    await putCachedSingularValues(key, values, 'svd', {dir})
    assert.deepEqual(Array.from((await getCachedSingularValues(key, {dir}))!.values), Array.from(values), damage)
  }
})

test('a tampered checksum, another format version or a missing data file read as a miss', async () => {
  const {dir, data, meta} = await freshEntry()
  const json = JSON.parse(readFileSync(meta, 'utf8'))
  writeFileSync(meta, JSON.stringify({...json, sha256: '0'.repeat(64)}))
  assert.equal(await getCachedSingularValues(key, {dir}), undefined)
  const {format: _format, sha256: _sha, byteLength: _length, view: _view, ...v1} = json
  writeFileSync(meta, JSON.stringify(v1)) // the format written before checksums and views
  assert.equal(await getCachedSingularValues(key, {dir}), undefined)
  writeFileSync(meta, JSON.stringify(json))
  assert.ok(await getCachedSingularValues(key, {dir}))
  writeFileSync(data, '')
  assert.equal(await getCachedSingularValues(key, {dir}), undefined)
})

test('views are separate entries: the same tensor under two views keeps both spectra', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spectra-cache-'))
  const reshaped = Float64Array.from([4, 1])
  await putCachedSingularValues(key, values, 'eigvalsh-gram', {dir})
  await putCachedSingularValues({...key, view: 'reshape-2d'}, reshaped, 'svd', {dir})
  assert.equal(readdirSync(dir).filter((f) => f.endsWith('.json')).length, 2)
  assert.deepEqual(Array.from((await getCachedSingularValues(key, {dir}))!.values), Array.from(values))
  assert.deepEqual(Array.from((await getCachedSingularValues({...key, view: 'reshape-2d'}, {dir}))!.values), [4, 1])
  assert.equal(await getCachedSingularValues({...key, view: 'experts'}, {dir}), undefined)
  assert.equal(await getCachedSingularValues({...key, shape: [8, 3, 4, 1]}, {dir}), undefined)
  assert.equal(await getCachedSingularValues({...key, fileSha256: 'c'.repeat(64)}, {dir}), undefined)
})
