import {test} from 'node:test'
import assert from 'node:assert/strict'
import {InputError} from '../../../src/core/errors.js'
import {cfGlobal, cfVariable} from '../../../src/core/netcdf/index.js'
import {toolVersion} from '../../../src/core/version.js'

test('cfVariable keeps the given CF attributes in order and drops undefined ones', () => {
  const attrs = cfVariable({
    units: 'm s-1',
    long_name: 'speed',
    standard_name: undefined,
    axis: 'X',
    valid_range: [0, 5],
    _FillValue: NaN,
    comment: 'c',
  })
  assert.deepEqual(Object.keys(attrs), ['units', 'long_name', 'axis', 'valid_range', '_FillValue', 'comment'])
  assert.deepEqual(attrs.valid_range, [0, 5])
  assert.ok(Number.isNaN(attrs._FillValue as number))
})

test('cfVariable refuses an unknown axis and an inverted valid_range', () => {
  assert.throws(
    () => cfVariable({axis: 'W' as never}),
    (e: unknown) => e instanceof InputError && e.field === 'axis',
  )
  assert.throws(
    () => cfVariable({valid_range: [1, 0]}),
    (e: unknown) => e instanceof InputError && e.field === 'valid_range',
  )
})

test('cfGlobal puts Conventions = CF-1.8 first and appends a creation line to history', () => {
  const g = cfGlobal({
    title: 't',
    history: ['2025-01-01T00:00:00Z made by hand'],
    createdAt: new Date('2026-02-03T04:05:06.789Z'),
    n: 3,
  })
  assert.deepEqual(Object.keys(g), ['Conventions', 'title', 'n', 'history', 'date_created'])
  assert.equal(g.Conventions, 'CF-1.8')
  assert.equal(g.history, `2025-01-01T00:00:00Z made by hand\n2026-02-03T04:05:06Z created by infolens ${toolVersion}`)
  assert.equal(g.date_created, '2026-02-03T04:05:06Z')
})
