import {test} from 'node:test'
import assert from 'node:assert/strict'
import {InputError} from '../../../src/core/errors.js'
import {resolveSchema, type NetcdfSchema} from '../../../src/core/netcdf/header.js'
import {computeLayout} from '../../../src/core/netcdf/layout.js'

const layout = (s: NetcdfSchema, headerSize = 100) => computeLayout(resolveSchema(s, 'out.nc'), headerSize, 'out.nc')

test('vsize rounds each variable up to 4 bytes; fixed variables follow the header in header order', () => {
  const l = layout({
    format: 'classic',
    dimensions: [{name: 'n', size: 3}],
    variables: [
      {name: 'b', type: 'byte', dimensions: ['n']}, // 3 → 4
      {name: 's', type: 'short', dimensions: ['n']}, // 6 → 8
      {name: 'd', type: 'double', dimensions: ['n']}, // 24
      {name: 'scalar', type: 'float', dimensions: []}, // 4
    ],
  })
  assert.deepEqual(
    l.variables.map((v) => [v.vsize, v.begin, v.count, v.dataBytes]),
    [
      [4, 100, 3, 3],
      [8, 104, 3, 6],
      [24, 112, 3, 24],
      [4, 136, 1, 4],
    ],
  )
  assert.equal(l.recordsBegin, 140)
})

test('records come after all fixed variables; record size is the sum of the record vsizes', () => {
  const l = layout({
    format: '64bit-offset',
    dimensions: [
      {name: 't', size: 'unlimited'},
      {name: 'n', size: 3},
    ],
    variables: [
      {name: 'r1', type: 'short', dimensions: ['t', 'n']}, // 6 → 8 per record
      {name: 'fixed', type: 'int', dimensions: ['n']}, // 12
      {name: 'r2', type: 'double', dimensions: ['t']}, // 8 per record
    ],
  })
  assert.deepEqual(
    l.variables.map((v) => v.begin),
    [112, 100, 120],
  )
  assert.equal(l.recordsBegin, 112)
  assert.equal(l.recordSize, 16)
})

test('a single record variable of a small type is packed: record size = unpadded slab, vsize still padded', () => {
  const one = layout({
    format: 'classic',
    dimensions: [
      {name: 't', size: 'unlimited'},
      {name: 'n', size: 3},
    ],
    variables: [{name: 'c', type: 'char', dimensions: ['t', 'n']}],
  })
  assert.equal(one.variables[0].vsize, 4)
  assert.equal(one.recordSize, 3)
  const short = layout({
    format: 'classic',
    dimensions: [{name: 't', size: 'unlimited'}],
    variables: [{name: 'flag', type: 'short', dimensions: ['t']}],
  })
  assert.equal(short.recordSize, 2)
  assert.equal(short.variables[0].vsize, 4)
})

test('CDF-1 offsets must stay below 2 GiB (computed only, nothing written); CDF-2 accepts them', () => {
  const big = (format: 'classic' | '64bit-offset'): NetcdfSchema => ({
    format,
    dimensions: [{name: 'n', size: 200_000_000}],
    variables: [
      {name: 'a', type: 'double', dimensions: ['n']}, // 1.6 GB
      {name: 'b', type: 'double', dimensions: ['n']}, // starts at 1.6 GB: fine
      {name: 'c', type: 'double', dimensions: ['n']}, // starts at 3.2 GB: beyond CDF-1
    ],
  })
  assert.throws(
    () => layout(big('classic')),
    (e: unknown) =>
      e instanceof InputError &&
      e.field === 'c' &&
      /offset below 2147483648 in the classic format; use the 64bit-offset format/.test(e.message),
  )
  const l = layout(big('64bit-offset'))
  assert.equal(l.variables[2].begin, 100 + 2 * 1_600_000_000)
})

test('a variable of 4 GiB or more is refused in both formats', () => {
  const schema: NetcdfSchema = {
    format: '64bit-offset',
    dimensions: [{name: 'n', size: 600_000_000}],
    variables: [{name: 'huge', type: 'double', dimensions: ['n']}],
  }
  assert.throws(
    () => layout(schema),
    (e: unknown) => e instanceof InputError && e.field === 'huge' && /under 4 GiB/.test(e.message),
  )
})
