import {before, test} from 'node:test'
import assert from 'node:assert/strict'
import {existsSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {ncDefaultFill} from '../../../src/core/netcdf/index.js'
import {runCli, runCliJson, tempDir} from '../../helpers/cli.js'
import {assertMatchesSchema} from '../../helpers/schema.js'
import {writeAllSamples, type ExpectedFile} from '../../core/netcdf/sample-files.js'

let dir: string
let samples: ExpectedFile[]
before(async () => {
  dir = tempDir()
  samples = await writeAllSamples(dir)
})
const sample = (name: string) => samples.find((s) => s.path.endsWith(name))!
const asJson = (x: number) =>
  Number.isNaN(x) ? 'NaN' : x === Infinity ? 'Infinity' : x === -Infinity ? '-Infinity' : x

test('netcdf dump --json: format, dimensions, attributes and summaries of the written values', () => {
  for (const e of [
    sample('kitchen-classic.nc'),
    sample('kitchen-64bit-offset.nc'),
    sample('zero-records.nc'),
    sample('empty.nc'),
  ]) {
    const {json, result} = runCliJson(['netcdf', 'dump', e.path])
    assert.equal(result.status, 0, result.stderr)
    assertMatchesSchema(json, 'netcdf.schema.json')
    const r = json.result
    assert.equal(r.format, e.format)
    assert.equal(r.formatVersion, e.format === 'classic' ? 1 : 2)
    assert.equal(r.numRecords, e.numRecords)
    assert.deepEqual(r.dimensions, e.dimensions)
    assert.deepEqual(
      r.attributes,
      Object.entries(e.attributes).map(([name, a]) => ({
        name,
        type: a.type,
        value: typeof a.value === 'string' ? a.value : a.value.map(asJson),
      })),
    )
    assert.deepEqual(
      r.variables.map((v: {name: string}) => v.name),
      Object.keys(e.variables),
    )
    for (const v of r.variables) {
      const want = e.variables[v.name]
      assert.deepEqual([v.type, v.dimensions, v.shape], [want.type, want.dimensions, want.shape])
      if (want.type === 'char') {
        assert.equal(v.summary, null)
        continue
      }
      // Reference summary straight from the values written (fill: _FillValue or the type default).
      const fillAttr = want.attributes._FillValue?.value as number[] | undefined
      const fill =
        want.type === 'float'
          ? Math.fround(fillAttr?.[0] ?? ncDefaultFill.float)
          : (fillAttr?.[0] ?? ncDefaultFill[want.type])
      const valid = want.values.filter((x) => Number.isFinite(x) && x !== fill)
      const mean = valid.reduce((a, b) => a + b, 0) / valid.length
      assert.equal(v.summary.count, want.values.length, v.name)
      assert.equal(v.summary.valid, valid.length, v.name)
      assert.equal(v.summary.nanCount, want.values.filter(Number.isNaN).length, v.name)
      assert.equal(v.summary.fillCount, want.values.filter((x) => x === fill).length, v.name)
      assert.equal(v.summary.min, valid.length ? Math.min(...valid) : null, v.name)
      assert.equal(v.summary.max, valid.length ? Math.max(...valid) : null, v.name)
      if (valid.length === 0) assert.equal(v.summary.mean, null)
      else
        assert.ok(
          Math.abs(v.summary.mean - mean) <= 1e-12 * Math.max(1, Math.abs(mean)),
          `${v.name} mean ${v.summary.mean} vs ${mean}`,
        )
    }
  }
})

test('netcdf dump --values prints every value of one variable (text and JSON)', () => {
  const e = sample('kitchen-64bit-offset.nc')
  const {json} = runCliJson(['netcdf', 'dump', e.path, '--values', 'positions'])
  assertMatchesSchema(json, 'netcdf.schema.json')
  assert.deepEqual(json.result.values, {
    variable: 'positions',
    type: 'double',
    shape: [3, 5, 3],
    values: e.variables.positions.values,
  })
  const {json: f} = runCliJson(['netcdf', 'dump', e.path, '--values', 'f'])
  assert.deepEqual(f.result.values.values, e.variables.f.values.map(asJson))
  const {json: label} = runCliJson(['netcdf', 'dump', e.path, '--values', 'label'])
  assert.deepEqual(label.result.values.values, ['alpha', 'beta', 'gamma', 'delta', 'eps'])
  const text = runCli(['netcdf', 'dump', sample('single-short-record.nc').path, '--values', 'flag'])
  assert.equal(text.status, 0, text.stderr)
  assert.match(text.stdout, /time\s+│\s+5 │ yes \(5 currently\)/)
  assert.match(text.stdout, /flag \(short, shape \[5\]\):\n7, 8, 9, -1, 3\n/)
})

test('netcdf dump --out writes the same report atomically', () => {
  const out = join(dir, 'dump.json')
  const r = runCli(['netcdf', 'dump', sample('kitchen-classic.nc').path, '--out', out, '--quiet'])
  assert.equal(r.status, 0, r.stderr)
  assert.equal(r.stdout, '')
  assert.ok(existsSync(out))
})

test('unreadable files and unknown variables: exit 2, one line naming the file, no output file', () => {
  const text = join(dir, 'not-netcdf.nc')
  writeFileSync(text, 'just text\n')
  const out = join(dir, 'should-not-exist.json')
  const cases: [string[], RegExp][] = [
    [
      [join(dir, 'missing.nc')],
      /^infolens: error: \S+missing\.nc: file not found; expected a NetCDF-3 file \(CDF-1 classic or CDF-2 64-bit offset\)\n$/,
    ],
    [
      [text],
      /^infolens: error: \S+not-netcdf\.nc: expected a NetCDF-3 file \(CDF-1 classic or CDF-2 64-bit offset\): should start with CDF\n$/,
    ],
    [
      [sample('kitchen-classic.nc').path, '--values', 'nope'],
      /^infolens: error: \S+kitchen-classic\.nc: nope: no such variable; expected one of: time, fish, label, /,
    ],
  ]
  for (const [args, message] of cases) {
    const r = runCli(['netcdf', 'dump', ...args, '--out', out])
    assert.equal(r.status, 2, r.stderr)
    assert.equal(r.stdout, '')
    assert.match(r.stderr, message)
    assert.equal(r.stderr.trim().split('\n').length, 1)
    assert.equal(existsSync(out), false)
  }
})
