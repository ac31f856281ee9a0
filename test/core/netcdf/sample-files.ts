/**
 * Sample NetCDF files shared by the NetCDF tests, with the values written into them
 * (the expectations every reader must reproduce). Small on purpose.
 */
import {join} from 'node:path'
import {toolVersion} from '../../../src/core/version.js'
import {
  cfGlobal,
  cfVariable,
  ncByte,
  ncDefaultFill,
  ncFloat,
  ncInt,
  ncShort,
  NetcdfWriter,
  type NcType,
  type NetcdfFormat,
} from '../../../src/core/netcdf/index.js'

export interface ExpectedVariable {
  type: NcType
  dimensions: string[]
  shape: number[]
  /** Flattened values as written (char: the raw bytes). */
  values: number[]
  attributes: Record<string, {type: NcType; value: string | number[]}>
}

export interface ExpectedFile {
  path: string
  format: NetcdfFormat
  numRecords: number
  dimensions: {name: string; size: number; unlimited: boolean}[]
  attributes: Record<string, {type: NcType; value: string | number[]}>
  variables: Record<string, ExpectedVariable>
}

export const createdAt = new Date('2026-01-02T03:04:05Z')
const RECORDS = 3
const fish = 5
const names = ['alpha', 'beta', 'gamma', 'delta', 'eps']
const strlen = 6

/** Values of record r of `positions` (deterministic, non-trivial doubles). */
const SCALE = [1e-3, 1e-2, 0.1, 1, 10, 100, 1000]
/** Only + - * / on literals, so Python computes the very same doubles (no libm, no pow). */
const positionsRecord = (r: number) =>
  Array.from({length: fish * 3}, (_, i) => (((r * 15 + i) * 0.7391 - 3.3) / 7) * SCALE[i % 7])
const labelBytes = () => Uint8Array.from(names.flatMap((n) => [...Buffer.from(n.padEnd(strlen, '\0'), 'latin1')]))
const f32 = (xs: number[]) => xs.map((x) => Math.fround(x))

/**
 * Every type, global and variable attributes of every kind, fixed dimensions and an
 * unlimited one with three records, a scalar, a never-written variable (fill values),
 * a char matrix and record slabs that need padding (3 shorts = 6 bytes → vsize 8).
 */
export async function writeKitchenSink(dir: string, format: NetcdfFormat): Promise<ExpectedFile> {
  const path = join(dir, `kitchen-${format}.nc`)
  const w = NetcdfWriter.create(path, {
    format,
    dimensions: [
      {name: 'time', size: 'unlimited'},
      {name: 'fish', size: fish},
      {name: 'spatial', size: 3},
      {name: 'strlen', size: strlen},
      {name: 'odd', size: 3},
    ],
    attributes: cfGlobal({
      title: 'infolens round trip',
      institution: 'infolens tests',
      createdAt,
      n_fish: ncInt(fish),
      dt: 0.1,
      valid_pair: [0, 1],
      shorts: ncShort(-2, 3),
      bytes: ncByte(-128, 127),
      floats: ncFloat(1.5, -0.25),
      ints: ncInt(-2147483648, 2147483647),
      note: 'température ✓ UTF-8',
    }),
    variables: [
      {
        name: 'time',
        type: 'double',
        dimensions: ['time'],
        attributes: cfVariable({units: 's', long_name: 'simulation time', standard_name: 'time', axis: 'T'}),
      },
      {name: 'fish', type: 'int', dimensions: ['fish'], attributes: {long_name: 'fish index', units: '1'}},
      {name: 'label', type: 'char', dimensions: ['fish', 'strlen']},
      {name: 'b', type: 'byte', dimensions: ['odd'], attributes: {_FillValue: -1}},
      {name: 's', type: 'short', dimensions: ['odd'], attributes: cfVariable({valid_range: [-32768, 32767]})},
      {name: 'f', type: 'float', dimensions: ['fish'], attributes: cfVariable({_FillValue: NaN, units: 'K'})},
      {name: 'unwritten', type: 'double', dimensions: ['odd'], attributes: {long_name: 'never written'}},
      {name: 'box_size', type: 'double', dimensions: []},
      {
        name: 'positions',
        type: 'double',
        dimensions: ['time', 'fish', 'spatial'],
        attributes: cfVariable({units: 'm', long_name: 'fish positions'}),
      },
      {
        name: 'polarization',
        type: 'double',
        dimensions: ['time'],
        attributes: cfVariable({units: '1', valid_range: [0, 1]}),
      },
      {name: 'count', type: 'int', dimensions: ['time']},
      {name: 'code', type: 'short', dimensions: ['time', 'odd']},
    ],
  })
  const fixed: Record<string, number[] | Uint8Array> = {
    // written out of header order on purpose: positioned writes
    box_size: [10],
    f: [1.5, NaN, -2.25, 3.4028234663852886e38, 1e-30],
    s: [-32768, 1, 32767],
    b: [-128, 0, 127],
    label: labelBytes(),
    fish: [0, 1, 2, 3, 4],
  }
  for (const [name, data] of Object.entries(fixed)) w.writeVariable(name, data)
  const rec = {
    time: [] as number[],
    positions: [] as number[],
    polarization: [] as number[],
    count: [] as number[],
    code: [] as number[],
  }
  for (let r = 0; r < RECORDS; r++) {
    const slab = {
      time: [r * 0.5],
      positions: positionsRecord(r),
      polarization: [0.25 * (r + 1)],
      count: [r * 1000 - 7],
      code: [r, -3 * r - 1, 32767 - r],
    }
    w.appendRecord(slab)
    for (const k of Object.keys(rec) as (keyof typeof rec)[]) rec[k].push(...slab[k])
  }
  await w.close()
  const text = (value: string) => ({type: 'char' as const, value})
  const created = '2026-01-02T03:04:05Z'
  return {
    path,
    format,
    numRecords: RECORDS,
    dimensions: [
      {name: 'time', size: RECORDS, unlimited: true},
      {name: 'fish', size: fish, unlimited: false},
      {name: 'spatial', size: 3, unlimited: false},
      {name: 'strlen', size: strlen, unlimited: false},
      {name: 'odd', size: 3, unlimited: false},
    ],
    attributes: {
      Conventions: text('CF-1.8'),
      title: text('infolens round trip'),
      institution: text('infolens tests'),
      n_fish: {type: 'int', value: [5]},
      dt: {type: 'double', value: [0.1]},
      valid_pair: {type: 'double', value: [0, 1]},
      shorts: {type: 'short', value: [-2, 3]},
      bytes: {type: 'byte', value: [-128, 127]},
      floats: {type: 'float', value: [1.5, -0.25]},
      ints: {type: 'int', value: [-2147483648, 2147483647]},
      note: text('température ✓ UTF-8'),
      history: text(`${created} created by infolens ${toolVersion}`),
      date_created: text(created),
    },
    variables: {
      time: {
        type: 'double',
        dimensions: ['time'],
        shape: [RECORDS],
        values: rec.time,
        attributes: {
          units: text('s'),
          long_name: text('simulation time'),
          standard_name: text('time'),
          axis: text('T'),
        },
      },
      fish: {
        type: 'int',
        dimensions: ['fish'],
        shape: [fish],
        values: fixed.fish as number[],
        attributes: {long_name: text('fish index'), units: text('1')},
      },
      label: {
        type: 'char',
        dimensions: ['fish', 'strlen'],
        shape: [fish, strlen],
        values: [...labelBytes()],
        attributes: {},
      },
      b: {
        type: 'byte',
        dimensions: ['odd'],
        shape: [3],
        values: fixed.b as number[],
        attributes: {_FillValue: {type: 'byte', value: [-1]}},
      },
      s: {
        type: 'short',
        dimensions: ['odd'],
        shape: [3],
        values: fixed.s as number[],
        attributes: {valid_range: {type: 'short', value: [-32768, 32767]}},
      },
      f: {
        type: 'float',
        dimensions: ['fish'],
        shape: [fish],
        values: f32(fixed.f as number[]),
        attributes: {_FillValue: {type: 'float', value: [NaN]}, units: text('K')},
      },
      unwritten: {
        type: 'double',
        dimensions: ['odd'],
        shape: [3],
        values: [1, 2, 3].map(() => ncDefaultFill.double),
        attributes: {long_name: text('never written')},
      },
      box_size: {type: 'double', dimensions: [], shape: [], values: [10], attributes: {}},
      positions: {
        type: 'double',
        dimensions: ['time', 'fish', 'spatial'],
        shape: [RECORDS, fish, 3],
        values: rec.positions,
        attributes: {units: text('m'), long_name: text('fish positions')},
      },
      polarization: {
        type: 'double',
        dimensions: ['time'],
        shape: [RECORDS],
        values: rec.polarization,
        attributes: {units: text('1'), valid_range: {type: 'double', value: [0, 1]}},
      },
      count: {type: 'int', dimensions: ['time'], shape: [RECORDS], values: rec.count, attributes: {}},
      code: {type: 'short', dimensions: ['time', 'odd'], shape: [RECORDS, 3], values: rec.code, attributes: {}},
    },
  }
}

/**
 * A file whose only record variable is a short: records are packed with no padding
 * (2 bytes apart, not 4), the special case of the format specification.
 */
export async function writeSingleShortRecord(dir: string): Promise<ExpectedFile> {
  const path = join(dir, 'single-short-record.nc')
  const values = [7, 8, 9, -1, 3]
  const w = NetcdfWriter.create(path, {
    format: 'classic',
    dimensions: [{name: 'time', size: 'unlimited'}],
    variables: [{name: 'flag', type: 'short', dimensions: ['time']}],
  })
  for (const v of values) w.appendRecord({flag: [v]})
  await w.close()
  return {
    path,
    format: 'classic',
    numRecords: values.length,
    dimensions: [{name: 'time', size: values.length, unlimited: true}],
    attributes: {},
    variables: {flag: {type: 'short', dimensions: ['time'], shape: [values.length], values, attributes: {}}},
  }
}

/** An unlimited dimension with no records yet, next to a fixed variable. */
export async function writeZeroRecords(dir: string): Promise<ExpectedFile> {
  const path = join(dir, 'zero-records.nc')
  const w = NetcdfWriter.create(path, {
    format: '64bit-offset',
    dimensions: [
      {name: 'time', size: 'unlimited'},
      {name: 'x', size: 2},
    ],
    variables: [
      {name: 'x', type: 'float', dimensions: ['x']},
      {name: 'time', type: 'double', dimensions: ['time']},
      {name: 'v', type: 'double', dimensions: ['time', 'x']},
    ],
  })
  w.writeVariable('x', [0.5, 1.5])
  await w.close()
  return {
    path,
    format: '64bit-offset',
    numRecords: 0,
    dimensions: [
      {name: 'time', size: 0, unlimited: true},
      {name: 'x', size: 2, unlimited: false},
    ],
    attributes: {},
    variables: {
      x: {type: 'float', dimensions: ['x'], shape: [2], values: [0.5, 1.5], attributes: {}},
      time: {type: 'double', dimensions: ['time'], shape: [0], values: [], attributes: {}},
      v: {type: 'double', dimensions: ['time', 'x'], shape: [0, 2], values: [], attributes: {}},
    },
  }
}

/** No dimensions, attributes or variables: the smallest valid file (32 bytes). */
export async function writeEmpty(dir: string): Promise<ExpectedFile> {
  const path = join(dir, 'empty.nc')
  await NetcdfWriter.create(path, {format: 'classic', dimensions: [], variables: []}).close()
  return {path, format: 'classic', numRecords: 0, dimensions: [], attributes: {}, variables: {}}
}

/** All sample files in `dir`. */
export async function writeAllSamples(dir: string): Promise<ExpectedFile[]> {
  return [
    await writeKitchenSink(dir, 'classic'),
    await writeKitchenSink(dir, '64bit-offset'),
    await writeSingleShortRecord(dir),
    await writeZeroRecords(dir),
    await writeEmpty(dir),
  ]
}
