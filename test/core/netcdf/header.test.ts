import {test} from 'node:test'
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {InputError} from '../../../src/core/errors.js'
import {encodeHeader, resolveSchema, validateName, type NetcdfSchema} from '../../../src/core/netcdf/header.js'
import {ncInt, NetcdfWriter} from '../../../src/core/netcdf/index.js'
import {tempDir} from '../../helpers/cli.js'

const zeros = (s: NetcdfSchema) => resolveSchema(s).variables.map(() => ({vsize: 0, begin: 0}))
const header = (s: NetcdfSchema) => encodeHeader(resolveSchema(s), 0, zeros(s))
const words = (b: Buffer) => Array.from({length: b.length / 4}, (_, i) => b.readUInt32BE(4 * i))

test('the smallest valid file is 32 bytes: magic, numrecs and three ABSENT lists', async () => {
  const path = join(tempDir(), 'empty.nc')
  await NetcdfWriter.create(path, {format: 'classic', dimensions: [], variables: []}).close()
  const bytes = readFileSync(path)
  // Format specification: header = magic numrecs dim_list gatt_list var_list, ABSENT = ZERO ZERO.
  assert.deepEqual([...bytes], [0x43, 0x44, 0x46, 1, ...new Array(28).fill(0)])
})

test('CDF-2 differs from CDF-1 in the version byte and in 64-bit begin offsets', () => {
  const schema = (format: 'classic' | '64bit-offset'): NetcdfSchema => ({
    format,
    dimensions: [{name: 'x', size: 1}],
    variables: [{name: 'v', type: 'int', dimensions: ['x']}],
  })
  const classic = header(schema('classic'))
  const offset64 = header(schema('64bit-offset'))
  assert.equal(classic[3], 1)
  assert.equal(offset64[3], 2)
  assert.equal(offset64.length - classic.length, 4)
})

test('names are length-prefixed and zero-padded to 4 bytes; dimension length 0 marks the record dimension', () => {
  const h = header({
    format: 'classic',
    dimensions: [
      {name: 'abcde', size: 7},
      {name: 't', size: 'unlimited'},
    ],
    variables: [],
  })
  // magic, numrecs, NC_DIMENSION=0x0A, 2 dims, "abcde" (5 bytes + 3 pad), 7, "t" (1 + 3 pad), 0, ABSENT, ABSENT
  assert.deepEqual(words(h), [0x43444601, 0, 0x0a, 2, 5, 0x61626364, 0x65000000, 7, 1, 0x74000000, 0, 0, 0, 0, 0])
})

test('attributes: text is NC_CHAR, plain numbers NC_DOUBLE, ncInt NC_INT (int32), values padded', () => {
  const h = header({format: 'classic', dimensions: [], attributes: {a: 'xy', d: 0.5, i: ncInt(-2, 3)}, variables: []})
  const w = words(h)
  // after magic, numrecs, ABSENT dims: NC_ATTRIBUTE=0x0C, 3 attributes
  assert.deepEqual(w.slice(4, 6), [0x0c, 3])
  assert.deepEqual(w.slice(6, 10), [1, 0x61000000, 2 /* NC_CHAR */, 2]) // name "a", type, nelems
  assert.equal(w[10], 0x78790000) // "xy" + 2 pad
  assert.deepEqual(w.slice(11, 14), [1, 0x64000000, 6 /* NC_DOUBLE */])
  assert.equal(h.readDoubleBE(4 * 15), 0.5)
  assert.deepEqual(w.slice(17, 20), [1, 0x69000000, 4 /* NC_INT */])
  assert.deepEqual([h.readInt32BE(4 * 21), h.readInt32BE(4 * 22)], [-2, 3])
})

test('_FillValue, valid_range, valid_min/max given as plain numbers take the variable type (CF same-type rule)', () => {
  const r = resolveSchema({
    format: 'classic',
    dimensions: [{name: 'x', size: 2}],
    variables: [
      {name: 'v', type: 'short', dimensions: ['x'], attributes: {_FillValue: -1, valid_range: [0, 100], scale: 2}},
    ],
  })
  const attrs = Object.fromEntries(r.variables[0].attributes.map((a) => [a.name, a.type]))
  assert.deepEqual(attrs, {_FillValue: 'short', valid_range: 'short', scale: 'double'})
  assert.equal(r.variables[0].fill, -1)
})

test('names are NFC-normalised (é as e + U+0301 is stored as U+00E9)', () => {
  assert.equal(validateName('te\u0301mp', 'variable'), 't\u00e9mp')
  const h = header({format: 'classic', dimensions: [{name: 'e\u0301', size: 1}], variables: []})
  assert.deepEqual([...h.subarray(20, 22)], [0xc3, 0xa9])
})

test('bad names are refused with the name and the rule', () => {
  for (const [name, why] of [
    ['', /non-empty/],
    ['-x', /first character/],
    ['.x', /first character/],
    ['a/b', /"\/"/],
    ['tail ', /trailing white space/],
    ['bell\u0007', /control/],
    ['x'.repeat(257), /256/],
  ] as const) {
    assert.throws(
      () => validateName(name, 'variable', 'out.nc'),
      (e: unknown) => e instanceof InputError && why.test(e.message) && e.file === 'out.nc',
      name,
    )
  }
  for (const ok of ['_x', '9lives', 'température', 'a-b.c+d']) assert.equal(validateName(ok, 'variable'), ok)
})

test('schema errors: unknown dimension, two unlimited, unlimited not first, duplicates, bad attribute values', () => {
  const base = {
    format: 'classic' as const,
    dimensions: [
      {name: 't', size: 'unlimited' as const},
      {name: 'x', size: 2},
    ],
  }
  const bad: [NetcdfSchema, RegExp][] = [
    [{...base, variables: [{name: 'v', type: 'int', dimensions: ['y']}]}, /unknown dimension y/],
    [
      {...base, dimensions: [...base.dimensions, {name: 'u', size: 'unlimited'}], variables: []},
      /at most one unlimited/,
    ],
    [{...base, variables: [{name: 'v', type: 'int', dimensions: ['x', 't']}]}, /must be the first dimension/],
    [
      {
        ...base,
        variables: [
          {name: 'v', type: 'int', dimensions: []},
          {name: 'v', type: 'int', dimensions: []},
        ],
      },
      /duplicate variable/,
    ],
    [{...base, dimensions: [{name: 'x', size: 0}], variables: []}, /expected a length/],
    [{...base, variables: [{name: 'v', type: 'int', dimensions: [], attributes: {n: ncInt(2 ** 31)}}]}, /not a int/],
    [
      {
        ...base,
        variables: [{name: 'v', type: 'int', dimensions: [], attributes: {_FillValue: {type: 'double', values: [1]}}}],
      },
      /expected type int/,
    ],
    [{...base, variables: [{name: 'v', type: 'byte', dimensions: [], attributes: {_FillValue: 300}}]}, /not a byte/],
    [{...base, variables: [{name: 'v', type: 'long' as never, dimensions: []}]}, /unknown type long/],
    [{...base, format: 'cdf5' as never, variables: []}, /unknown format/],
  ]
  for (const [schema, message] of bad)
    assert.throws(
      () => resolveSchema(schema, 'out.nc'),
      (e: unknown) => e instanceof InputError && message.test(e.oneLine),
      String(message),
    )
})
