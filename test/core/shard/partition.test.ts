import {test} from 'node:test'
import assert from 'node:assert/strict'
import {partitionByCost} from '../../../src/core/shard/partition.js'

test('partitionByCost: every item in exactly one shard, each list ascending, same answer every time', () => {
  const costs = Array.from({length: 37}, (_, i) => ((i * 7919) % 101) ** 3)
  const shards = partitionByCost(costs, 5)
  assert.deepEqual(
    shards.flat().sort((a, b) => a - b),
    costs.map((_, i) => i),
  )
  for (const s of shards)
    assert.deepEqual(
      s,
      [...s].sort((a, b) => a - b),
    )
  assert.deepEqual(partitionByCost(costs, 5), shards)
})

test('partitionByCost: balances cost, not count (one huge item gets a shard to itself)', () => {
  const shards = partitionByCost([1000, 1, 1, 1, 1, 1, 1], 2)
  assert.deepEqual(shards, [[0], [1, 2, 3, 4, 5, 6]])
  const costs = Array.from({length: 40}, (_, i) => (i + 1) ** 2)
  const loads = partitionByCost(costs, 4).map((s) => s.reduce((a, i) => a + costs[i], 0))
  const ideal = costs.reduce((a, b) => a + b, 0) / 4
  assert.ok(Math.max(...loads) <= (4 / 3) * ideal, `loads ${loads}`) // Graham's LPT bound
})

test('partitionByCost: more shards than items leaves empty shards; one shard holds everything', () => {
  assert.deepEqual(partitionByCost([5, 3], 4), [[0], [1], [], []])
  assert.deepEqual(partitionByCost([5, 3, 9], 1), [[0, 1, 2]])
})
