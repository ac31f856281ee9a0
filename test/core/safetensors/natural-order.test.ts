import {test} from 'node:test'
import assert from 'node:assert/strict'
import {compareNatural} from '../../../src/core/checkpoint/natural-order.js'

test('natural order: layer 2 before layer 10, digits compared as numbers', () => {
  const names = [
    'model.layers.10.mlp',
    'model.layers.2.mlp',
    'model.layers.1.mlp',
    'lm_head',
    'model.layers.2.attn',
    'model.embed',
  ]
  assert.deepEqual([...names].sort(compareNatural), [
    'lm_head',
    'model.embed',
    'model.layers.1.mlp',
    'model.layers.2.attn',
    'model.layers.2.mlp',
    'model.layers.10.mlp',
  ])
})

test('natural order handles long digit runs and leading zeros without losing precision', () => {
  const names = ['x.123456789012345678901', 'x.123456789012345678900', 'x.007', 'x.7', 'x.10']
  assert.deepEqual([...names].sort(compareNatural), [
    'x.007',
    'x.7',
    'x.10',
    'x.123456789012345678900',
    'x.123456789012345678901',
  ])
})
