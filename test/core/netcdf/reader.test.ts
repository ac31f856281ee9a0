import {test} from 'node:test'
import assert from 'node:assert/strict'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {InputError} from '../../../src/core/errors.js'
import {openNetcdf} from '../../../src/core/netcdf/index.js'
import {tempDir} from '../../helpers/cli.js'
import {writeKitchenSink} from './sample-files.js'

const expected = /expected a NetCDF-3 file \(CDF-1 classic or CDF-2 64-bit offset\)/

function refused(path: string, message: RegExp, field?: string) {
  assert.throws(
    () => openNetcdf(path),
    (e: unknown) =>
      e instanceof InputError &&
      e.file === path &&
      e.field === field &&
      message.test(e.message) &&
      expected.test(e.message) &&
      !e.oneLine.includes('\n'),
  )
}

test('unreadable files are InputErrors naming the file and what was expected', async () => {
  const dir = tempDir()
  const good = readFileSync((await writeKitchenSink(dir, 'classic')).path)
  const file = (name: string, bytes: Uint8Array | string) => {
    const p = join(dir, name)
    writeFileSync(p, bytes)
    return p
  }
  refused(join(dir, 'missing.nc'), /file not found/)
  refused(dir, /is a directory/)
  refused(file('text.nc', 'hello, this is not NetCDF\n'), /should start with CDF/)
  refused(
    file('hdf5.nc', Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])),
    /found NetCDF-4\/HDF5/,
  )
  refused(file('cdf5.nc', Buffer.from([0x43, 0x44, 0x46, 5, 0, 0, 0, 0])), /found CDF-5/)
  refused(file('header-cut.nc', good.subarray(0, 60)), /header is truncated/)
  // header intact, data cut short: the last record variable's data lies beyond the end
  refused(
    file('data-cut.nc', good.subarray(0, good.length - 10)),
    /file is truncated: data ends at byte \d+, file has \d+ bytes/,
    'count',
  )
})

test('an unknown variable name lists the variables the file has', async () => {
  const nc = openNetcdf((await writeKitchenSink(tempDir(), '64bit-offset')).path)
  assert.throws(
    () => nc.read('nope'),
    (e: unknown) =>
      e instanceof InputError && e.field === 'nope' && /expected one of: time, fish, label/.test(e.message),
  )
})
