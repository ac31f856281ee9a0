import {test} from 'node:test'
import assert from 'node:assert/strict'
import {unshardedCommand} from '../../../src/core/shard/merge-envelope.js'

test('unshardedCommand drops the shard flags and points --out at the merged file', () => {
  const part = ['infolens', 'spectral', 'analyze', 'ck/', '--shard', '1/4', '--out', 'parts/p1.json', '--no-cache']
  assert.deepEqual(unshardedCommand(part, 'report.json'), [
    'infolens',
    'spectral',
    'analyze',
    'ck/',
    '--out',
    'report.json',
    '--no-cache',
  ])
  assert.deepEqual(unshardedCommand(['x', '--shard=0/2', '--shards', '2', '--out=p.json'], 'r.json'), [
    'x',
    '--out=r.json',
  ])
  assert.deepEqual(unshardedCommand(['x', '--out', 'p.json', '--json'], undefined), ['x', '--out', 'p.json', '--json'])
})
