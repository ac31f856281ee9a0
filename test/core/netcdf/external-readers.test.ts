/**
 * Files written by NetcdfWriter checked with independent readers from Debian:
 * `ncdump` (netcdf-bin) and the system python3's netCDF4 and xarray (netcdf4 and
 * scipy engines), plus a byte-for-byte comparison with the same file written by
 * netCDF-C itself. Each test is skipped, visibly, when its tool is missing; CI
 * installs them (.ci/run), so there they always run.
 */
import {before, test} from 'node:test'
import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {ncDefaultFill, type NcType} from '../../../src/core/netcdf/index.js'
import {tempDir} from '../../helpers/cli.js'
import {writeAllSamples, type ExpectedFile, type ExpectedVariable} from './sample-files.js'
import {nonEmpty} from '../../helpers/fixture.js'

const PYTHON = '/usr/bin/python3' // Debian's python3: apt's python3-netcdf4 and python3-xarray live there
const fixtures = new URL('../../fixtures/netcdf/', import.meta.url).pathname
const hasNcdump = spawnSync('sh', ['-c', 'command -v ncdump']).status === 0
const hasPython = spawnSync(PYTHON, ['-c', 'import netCDF4, xarray, scipy']).status === 0
const skipNcdump = hasNcdump ? false : 'ncdump not found (apt install netcdf-bin)'
const skipPython = hasPython
  ? false
  : `${PYTHON} lacks netCDF4/xarray/scipy (apt install python3-netcdf4 python3-xarray python3-scipy)`

let dir: string
let samples: ExpectedFile[]
before(async () => {
  dir = tempDir()
  samples = await writeAllSamples(dir)
})

const kitchen = (format: string) => samples.find((s) => s.path.endsWith(`kitchen-${format}.nc`))!
const numpyType: Record<NcType, string> = {
  byte: 'int8',
  char: 'S1',
  short: 'int16',
  int: 'int32',
  float: 'float32',
  double: 'float64',
}
const asJson = (x: number) =>
  Number.isNaN(x) ? 'NaN' : x === Infinity ? 'Infinity' : x === -Infinity ? '-Infinity' : x

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, {encoding: 'utf8', maxBuffer: 64 << 20})
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stderr}`)
  return r.stdout
}

test('ncdump -k names the format kind of every file', {skip: skipNcdump}, () => {
  for (const e of nonEmpty(samples, 'netcdf samples'))
    assert.equal(run('ncdump', ['-k', e.path]).trim(), e.format === 'classic' ? 'classic' : '64-bit offset', e.path)
})

test('ncdump -h shows the declared dimensions, types and attributes', {skip: skipNcdump}, () => {
  for (const format of ['classic', '64bit-offset']) {
    const cdl = run('ncdump', ['-h', kitchen(format).path])
    for (const line of [
      'time = UNLIMITED ; // (3 currently)',
      'fish = 5 ;',
      'double positions(time, fish, spatial) ;',
      'char label(fish, strlen) ;',
      'byte b(odd) ;',
      'b:_FillValue = -1b ;',
      's:valid_range = -32768s, 32767s ;',
      'f:_FillValue = NaNf ;',
      'polarization:valid_range = 0., 1. ;',
      'double box_size ;',
      ':Conventions = "CF-1.8" ;',
      ':n_fish = 5 ;', // NC_INT: no suffix (an int64 would print 5LL)
      ':dt = 0.1 ;',
      ':shorts = -2s, 3s ;',
      ':bytes = -128b, 127b ;',
      ':floats = 1.5f, -0.25f ;',
      ':ints = -2147483648, 2147483647 ;',
      ':note = "température ✓ UTF-8" ;',
    ]) {
      assert.ok(cdl.includes(line), `${format}: ncdump -h lacks "${line}"\n${cdl}`)
    }
  }
})

/** The values ncdump prints for one variable ("_" = fill value), parsed. */
function ncdumpValues(path: string, name: string): (number | '_')[] {
  const out = run('ncdump', ['-v', name, '-p', '9,17', path]) // 9 and 17 digits: exact float/double round trip
  const data = out.slice(out.indexOf('\ndata:'))
  const m = new RegExp(`\\n ${name} =([\\s\\S]*?);\\n`).exec(data)
  if (!m) return []
  return m[1]
    .split(',')
    .map((t) => t.trim())
    .map((t) => (t === '_' ? '_' : Number(t)))
}

function fillOf(v: ExpectedVariable): number {
  const f = v.attributes._FillValue
  return f ? (f.value as number[])[0] : ncDefaultFill[v.type]
}

test('ncdump -v prints every value as written (fill values as "_")', {skip: skipNcdump}, () => {
  for (const e of nonEmpty(samples, 'netcdf samples')) {
    for (const [name, v] of Object.entries(e.variables)) {
      if (v.type === 'char') continue
      const got = ncdumpValues(e.path, name)
      assert.equal(got.length, v.values.length, `${e.path} ${name}`)
      const fill = fillOf(v)
      got.forEach((g, i) => {
        const want = v.values[i]
        if (g === '_')
          assert.ok(
            Object.is(want, fill) || (Number.isNaN(want) && Number.isNaN(fill)) || want === Math.fround(fill),
            `${name}[${i}] printed as fill`,
          )
        else assert.equal(v.type === 'float' ? Math.fround(g) : g, want, `${e.path} ${name}[${i}]`)
      })
    }
  }
  const label = run('ncdump', ['-v', 'label', kitchen('classic').path])
  assert.match(label, /label =\s+"alpha",\s+"beta",\s+"gamma",\s+"delta",\s+"eps" ;/)
})

test(
  'python netCDF4 and xarray (netcdf4 and scipy engines) read identical dims, attributes and values',
  {skip: skipPython},
  () => {
    const out = JSON.parse(run(PYTHON, [join(fixtures, 'read_netcdf.py'), ...samples.map((s) => s.path)]))
    for (const e of nonEmpty(samples, 'netcdf samples')) {
      for (const reader of ['netcdf4', 'xarray_netcdf4', 'xarray_scipy']) {
        const r = out[e.path][reader]
        const what = `${reader} ${e.path}`
        assert.equal(r.error, undefined, `${what}: ${r.error}`)
        if (reader === 'netcdf4')
          assert.equal(r.data_model, e.format === 'classic' ? 'NETCDF3_CLASSIC' : 'NETCDF3_64BIT_OFFSET')
        assert.deepEqual(
          r.dims,
          Object.fromEntries(e.dimensions.map((d) => [d.name, {size: d.size, unlimited: d.unlimited}])),
          what,
        )
        const attrs = (a: ExpectedFile['attributes']) =>
          Object.fromEntries(
            Object.entries(a).map(([k, x]) => [
              k,
              typeof x.value === 'string'
                ? {dtype: 'str', value: x.value}
                : {dtype: numpyType[x.type], value: x.value.map(asJson)},
            ]),
          )
        assert.deepEqual(r.attrs, attrs(e.attributes), `${what}: global attributes`)
        assert.deepEqual(Object.keys(r.vars).sort(), Object.keys(e.variables).sort(), what)
        for (const [name, v] of Object.entries(e.variables)) {
          const got = r.vars[name]
          assert.deepEqual(
            {dtype: got.dtype, dims: got.dims, shape: got.shape, attrs: got.attrs},
            {dtype: numpyType[v.type], dims: v.dimensions, shape: v.shape, attrs: attrs(v.attributes)},
            `${what} ${name}`,
          )
          assert.deepEqual(got.values, v.values.map(asJson), `${what} ${name} values`)
        }
      }
    }
  },
)

test('the files are byte-identical to netCDF-C output for the same definitions and data', {skip: skipPython}, () => {
  const refs = [
    ['kitchen-classic', kitchen('classic')],
    ['kitchen-64bit-offset', kitchen('64bit-offset')],
    ['single-short-record', samples.find((s) => s.path.endsWith('single-short-record.nc'))!],
    ['zero-records', samples.find((s) => s.path.endsWith('zero-records.nc'))!],
  ] as const
  for (const [sample, e] of refs) {
    const ref = join(dir, `netcdf-c-${sample}.nc`)
    const extra = sample.startsWith('kitchen')
      ? [e.attributes.history.value as string, e.attributes.date_created.value as string]
      : []
    run(PYTHON, [join(fixtures, 'make_reference.py'), sample, ref, ...extra])
    const ours = readFileSync(e.path)
    const theirs = readFileSync(ref)
    const firstDiff = ours.findIndex((b, i) => b !== theirs[i])
    assert.ok(
      ours.equals(theirs),
      `${sample}: ${ours.length} vs ${theirs.length} bytes, first difference at byte ${firstDiff}`,
    )
  }
})
