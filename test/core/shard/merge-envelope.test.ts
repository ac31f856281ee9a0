import {test} from 'node:test'
import assert from 'node:assert/strict'
import {unshardedCommand} from '../../../src/core/shard/merge-envelope.js'

test('unshardedCommand drops the shard flags and points --out at the merged file', () => {
  const part = ['infolens', 'spectral', 'analyze', 'ck/', '--shard', '1/4', '--out', 'parts/p1.json', '--no-cache']
  assert.deepEqual(unshardedCommand(part, {'--out': 'report.json'}), [
    'infolens',
    'spectral',
    'analyze',
    'ck/',
    '--out',
    'report.json',
    '--no-cache',
  ])
  assert.deepEqual(unshardedCommand(['x', '--shard=0/2', '--shards', '2', '--out=p.json'], {'--out': 'r.json'}), [
    'x',
    '--out=r.json',
  ])
  assert.deepEqual(unshardedCommand(['x', '--out', 'p.json', '--json'], {'--out': undefined}), [
    'x',
    '--out',
    'p.json',
    '--json',
  ])
})

test('unshardedCommand points the NetCDF flag at the merged file, appends it, or drops a part file', () => {
  const part = ['spectral', 'analyze', 'ck', '--netcdf', 'parts/part-1.nc', '--shard', '1/2', '--out', 'p.json']
  assert.deepEqual(unshardedCommand(part, {'--out': 'r.json', '--netcdf': 'esd.nc'}), [
    'spectral',
    'analyze',
    'ck',
    '--netcdf',
    'esd.nc',
    '--out',
    'r.json',
  ])
  assert.deepEqual(unshardedCommand(part, {'--out': 'r.json', '--netcdf': null}), [
    'spectral',
    'analyze',
    'ck',
    '--out',
    'r.json',
  ])
  assert.deepEqual(unshardedCommand(['school', 'sweep', '--shard=0/2'], {'--out': undefined, '--nc': 't.nc'}), [
    'school',
    'sweep',
    '--nc',
    't.nc',
  ])
})
