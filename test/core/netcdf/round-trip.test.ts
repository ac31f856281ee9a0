/**
 * Files written by NetcdfWriter read back with netcdfjs itself (the raw library, an
 * independent in-process reader) and with infolens's reader wrapper.
 */
import {before, test} from 'node:test'
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {NetCDFReader} from 'netcdfjs'
import {openNetcdf} from '../../../src/core/netcdf/index.js'
import {tempDir} from '../../helpers/cli.js'
import {writeAllSamples, type ExpectedFile} from './sample-files.js'
import {nonEmpty} from '../../helpers/fixture.js'

let samples: ExpectedFile[]
before(async () => {
  samples = await writeAllSamples(tempDir())
})

/** netcdfjs quirk: numbers equal bit for bit (NaN == NaN). */
const same = (a: number, b: number) => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b))
const assertValues = (got: ArrayLike<number>, want: readonly number[], what: string) => {
  assert.equal(got.length, want.length, `${what}: length`)
  for (let i = 0; i < want.length; i++)
    assert.ok(same(got[i], want[i]), `${what}[${i}]: got ${got[i]}, want ${want[i]}`)
}

test('netcdfjs reads format, dimensions, attributes and every value written', () => {
  for (const e of nonEmpty(samples, 'netcdf samples')) {
    const nc = new NetCDFReader(readFileSync(e.path))
    assert.equal(nc.version, e.format === 'classic' ? 'classic format' : '64-bit offset format', e.path)
    assert.deepEqual(
      (nc.dimensions ?? []).map((d) => d.name),
      e.dimensions.map((d) => d.name),
    )
    assert.equal(nc.recordDimension.length, e.numRecords)
    for (const d of e.dimensions) {
      if (d.unlimited) assert.equal(nc.recordDimension.name, d.name)
      else assert.equal(nc.dimensions.find((x) => x.name === d.name)?.size, d.size)
    }
    // Global attributes (ASCII ones: netcdfjs decodes text byte by byte as signed chars).
    for (const [name, a] of Object.entries(e.attributes)) {
      if (a.type === 'char' && /[^\x00-\x7f]/.test(a.value as string)) continue
      const got = nc.globalAttributes.find((x) => x.name === name)
      assert.ok(got, `attribute ${name}`)
      assert.equal(got.type, a.type)
      if (a.type === 'char') assert.equal(got.value, a.value)
      // netcdfjs returns bytes unsigned (Uint8): map back to NC_BYTE's signed range.
      else
        assertValues(
          ([] as number[]).concat(got.value as number | number[]).map((x) => (a.type === 'byte' ? (x << 24) >> 24 : x)),
          a.value as number[],
          name,
        )
    }
    for (const [name, v] of Object.entries(e.variables)) {
      const meta = nc.variables.find((x) => x.name === name)!
      assert.equal(meta.type, v.type, name)
      assert.deepEqual(
        meta.dimensions.map((id) => nc.dimensions[id].name),
        v.dimensions,
        name,
      )
      for (const [an, a] of Object.entries(v.attributes)) {
        const got = (meta.attributes as {name: string; type: string; value: unknown}[]).find((x) => x.name === an)!
        assert.equal(got.type, a.type, `${name}:${an}`)
        if (a.type === 'char') assert.equal(got.value, a.value)
        else
          assertValues(
            ([] as number[]).concat(got.value as number).map((x) => (a.type === 'byte' ? (x << 24) >> 24 : x)),
            a.value as number[],
            `${name}:${an}`,
          )
      }
      // netcdfjs ignores the packed single-record-variable layout (formats spec §4.11): checked by ncdump/python instead.
      if (e.path.endsWith('single-short-record.nc')) continue
      const raw = nc.getDataVariable(name) as unknown[]
      let flat: number[]
      if (v.type === 'char') flat = [...Buffer.from((raw as string[]).map((c) => c || '\0').join(''), 'latin1')]
      else flat = raw.flat() as number[]
      if (v.type === 'byte') flat = flat.map((x) => (x << 24) >> 24)
      // netcdfjs reads whole vsize (padding included) per variable or record: drop the padding values.
      const perSlab = v.shape.slice(meta.record ? 1 : 0).reduce((a, b) => a * b, 1)
      const slabs = meta.record ? e.numRecords : 1
      const stride = flat.length / slabs
      const unpadded = Array.from({length: slabs}, (_, r) => flat.slice(r * stride, r * stride + perSlab)).flat()
      assertValues(unpadded, v.values, `${e.path} ${name}`)
    }
  }
})

test('the infolens reader (netcdfjs header + own decoding) returns exactly what was written', () => {
  for (const e of nonEmpty(samples, 'netcdf samples')) {
    const nc = openNetcdf(e.path)
    assert.equal(nc.header.format, e.format)
    assert.equal(nc.header.numRecords, e.numRecords)
    assert.deepEqual(nc.header.dimensions, e.dimensions)
    const attrs = Object.fromEntries(nc.header.attributes.map((a) => [a.name, {type: a.type, value: a.value}]))
    assert.deepEqual(Object.keys(attrs), Object.keys(e.attributes))
    for (const [name, a] of Object.entries(e.attributes)) {
      if (a.type === 'char') assert.deepEqual(attrs[name], a, name)
      else assertValues(attrs[name].value as number[], a.value as number[], name)
    }
    assert.deepEqual(
      nc.header.variables.map((v) => v.name),
      Object.keys(e.variables),
    )
    for (const v of nc.header.variables) {
      const want = e.variables[v.name]
      assert.equal(v.type, want.type)
      assert.deepEqual(v.dimensions, want.dimensions)
      assert.deepEqual(v.shape, want.shape)
      assert.deepEqual(
        v.attributes.map((a) => a.name),
        Object.keys(want.attributes),
      )
      for (const a of v.attributes) {
        const w = want.attributes[a.name]
        if (typeof w.value === 'string') assert.equal(a.value, w.value)
        else assertValues(a.value as number[], w.value, `${v.name}:${a.name}`)
      }
      assertValues(nc.read(v.name), want.values, `${e.path} ${v.name}`)
    }
  }
})

test('the file sizes follow the layout: header, padded fixed variables, records', () => {
  const sizes = Object.fromEntries(samples.map((e) => [e.path.replace(/.*\//, ''), readFileSync(e.path).length]))
  // single short record variable: 80-byte header + 5 packed shorts (no padding between records)
  assert.equal(sizes['single-short-record.nc'], 80 + 5 * 2)
  assert.equal(sizes['empty.nc'], 32)
  // CDF-2 header is 4 bytes longer per variable (64-bit begin): 12 variables
  assert.equal(sizes['kitchen-64bit-offset.nc'] - sizes['kitchen-classic.nc'], 12 * 4)
})
