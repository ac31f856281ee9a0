import {test} from 'node:test'
import assert from 'node:assert/strict'
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {InputError} from '../../../src/core/errors.js'
import {NetcdfWriter, openNetcdf, type NetcdfSchema} from '../../../src/core/netcdf/index.js'
import {tempDir} from '../../helpers/cli.js'
import {killAndWait, startTsChild, tempFilesIn, waitForLine} from '../../helpers/kill-child.js'

const schema: NetcdfSchema = {
  format: 'classic',
  dimensions: [
    {name: 'time', size: 'unlimited'},
    {name: 'n', size: 3},
  ],
  variables: [
    {name: 'n', type: 'int', dimensions: ['n']},
    {name: 'label', type: 'char', dimensions: ['n']},
    {name: 'x', type: 'float', dimensions: ['time', 'n']},
    {name: 'k', type: 'short', dimensions: ['time']},
  ],
}

function inputError(field: string, message: RegExp) {
  return (e: unknown) => e instanceof InputError && e.field === field && message.test(e.message)
}

test('bad data is refused with the variable and what was expected; nothing is written to the target', () => {
  const dir = tempDir()
  const target = join(dir, 'out.nc')
  const w = NetcdfWriter.create(target, schema)
  assert.throws(() => w.writeVariable('n', [1, 2]), inputError('n', /expected 3 values \(shape \[3\]\), got 2/))
  assert.throws(() => w.writeVariable('nope', [1]), inputError('nope', /unknown variable/))
  assert.throws(() => w.writeVariable('x', [1, 2, 3]), inputError('x', /record variable; write it with appendRecord/))
  assert.throws(
    () => w.writeVariable('n', [1, 2.5, 3]),
    inputError('n', /value 2.5 at index 1 is not representable as int/),
  )
  assert.throws(() => w.writeVariable('n', [1, 2 ** 31, 3]), inputError('n', /not representable as int/))
  assert.throws(() => w.writeVariable('n', 'abc'), inputError('n', /expected numbers for a int variable/))
  assert.throws(() => w.writeVariable('label', [1, 2, 3]), inputError('label', /expected text or bytes/))
  assert.throws(() => w.writeVariable('label', 'abcd'), inputError('label', /at most 3 bytes/))
  assert.throws(() => w.appendRecord({x: [1, 2, 3]}), inputError('k', /missing from record 0/))
  assert.throws(() => w.appendRecord({x: [1, 2], k: [1]}), inputError('x', /expected 3 values/))
  assert.throws(() => w.appendRecord({x: [1, 2, 3], k: [1], n: [1, 2, 3]}), inputError('n', /not a record variable/))
  assert.throws(() => w.appendRecord({x: [1, 2, 3], k: [1], zz: [1]}), inputError('zz', /unknown variable/))
  assert.equal(w.numRecords, 0)
  w.abort()
  assert.deepEqual(readdirSync(dir), [])
})

test('NaN in an integer variable becomes its fill value; short text is NUL-padded', async () => {
  const target = join(tempDir(), 'out.nc')
  const w = NetcdfWriter.create(target, schema)
  w.writeVariable('n', [1, NaN, 3])
  w.writeVariable('label', 'ab')
  w.appendRecord({x: new Float32Array([0.5, -1, 2]), k: [NaN]})
  await w.close()
  const nc = openNetcdf(target)
  assert.deepEqual([...nc.read('n')], [1, -2147483647, 3])
  assert.deepEqual([...nc.read('label')], [0x61, 0x62, 0])
  assert.deepEqual([...nc.read('k')], [-32767])
  assert.deepEqual([...nc.read('x')], [0.5, -1, 2])
})

test('a writer that cannot create its file fails with InputError naming the target', () => {
  const target = join(tempDir(), 'missing-dir', 'out.nc')
  assert.throws(
    () => NetcdfWriter.create(target, schema),
    (e: unknown) =>
      e instanceof InputError &&
      e.file === target &&
      /expected an existing parent directory \(ENOENT\)/.test(e.message),
  )
})

test('abort removes the temporary file; the target never appears; later calls are refused', () => {
  const dir = tempDir()
  const w = NetcdfWriter.create(join(dir, 'out.nc'), schema)
  w.appendRecord({x: [1, 2, 3], k: [4]})
  assert.equal(tempFilesIn(dir).length, 1)
  w.abort()
  w.abort()
  assert.deepEqual(readdirSync(dir), [])
  assert.throws(() => w.appendRecord({x: [1, 2, 3], k: [4]}), /already aborted/)
})

test('streaming: 10,000 records of 1000 floats go to disk as they come; memory stays flat', async () => {
  const dir = tempDir()
  const target = join(dir, 'stream.nc')
  const n = 1000
  const w = NetcdfWriter.create(target, {
    format: '64bit-offset',
    dimensions: [
      {name: 'time', size: 'unlimited'},
      {name: 'n', size: n},
    ],
    variables: [{name: 'x', type: 'float', dimensions: ['time', 'n']}],
  })
  const slab = new Float32Array(n)
  let rssAt1000 = 0
  let tempSizeAt5000 = 0
  for (let r = 0; r < 10_000; r++) {
    slab[0] = r
    slab[n - 1] = -r
    w.appendRecord({x: slab})
    if (r === 999) rssAt1000 = process.memoryUsage().rss
    if (r === 4999) tempSizeAt5000 = statSync(join(dir, tempFilesIn(dir)[0])).size
  }
  const growth = process.memoryUsage().rss - rssAt1000
  await w.close()
  const bytes = statSync(target).size
  const header = bytes - 10_000 * n * 4
  // Half-way, the temporary file already holds 5000 records: nothing waits in memory for close().
  assert.equal(tempSizeAt5000, header + 5000 * n * 4)
  // 36 MB of records were written after the first sample; accumulation would show as ≥ 36 MB.
  assert.ok(growth < 16 * 2 ** 20, `RSS grew by ${(growth / 2 ** 20).toFixed(1)} MiB while writing 36 MB of records`)
  const nc = openNetcdf(target)
  assert.equal(nc.header.numRecords, 10_000)
  const x = nc.read('x')
  assert.deepEqual([x[9999 * n], x[9999 * n + n - 1], x[5 * n + 1]], [9999, -9999, 0])
})

const slowWriter = new URL('../../fixtures/netcdf/slow-writer.ts', import.meta.url).pathname

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`a writer killed with ${signal} while appending records leaves neither the target nor its temporary file`, async () => {
    const dir = tempDir()
    const target = join(dir, 'run.nc')
    const child = startTsChild(slowWriter, [target])
    await waitForLine(child, 'writing')
    assert.equal(tempFilesIn(dir).length, 1, 'the child is writing its temporary file')
    const r = await killAndWait(child, signal)
    assert.equal(r.code, signal === 'SIGTERM' ? 143 : 130, r.stderr)
    assert.equal(existsSync(target), false)
    assert.deepEqual(readdirSync(dir), [])
  })
}

test('records written before close() are all there after it (numrecs patched)', async () => {
  const target = join(tempDir(), 'out.nc')
  const w = NetcdfWriter.create(target, schema)
  for (let r = 0; r < 4; r++) w.appendRecord({x: [r, r + 0.5, -r], k: [r]})
  await w.close()
  assert.equal(readFileSync(target).readUInt32BE(4), 4)
  assert.deepEqual([...openNetcdf(target).read('k')], [0, 1, 2, 3])
  // the fixed variables never written hold fill values
  assert.deepEqual([...openNetcdf(target).read('n')], [-2147483647, -2147483647, -2147483647])
})
