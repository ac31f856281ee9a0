/**
 * Where each variable's data goes (classic format specification, "The Data Part"):
 * non-record variables contiguously in header order right after the header, then
 * the records; record r holds the r-th slab of every record variable in header
 * order. `vsize` is a variable's (per-record) byte size rounded up to 4. When the
 * file has exactly one record variable, records are packed without that padding
 * (netcdf-c `NC_computeshapes`), which only matters for byte, char and short.
 */
import {InputError} from '../errors.js'
import type {ResolvedSchema, VariablePlacement} from './header.js'
import {ncTypeSize} from './types.js'

export interface VariableLayout extends VariablePlacement {
  /** Values in the whole variable (fixed) or in one record's slab (record). */
  readonly count: number
  /** Bytes of real data (count × type size), before padding. */
  readonly dataBytes: number
}

export interface FileLayout {
  readonly headerSize: number
  readonly variables: readonly VariableLayout[]
  /** Offset of record 0 (the end of the fixed variables). */
  readonly recordsBegin: number
  /** Distance between consecutive records. */
  readonly recordSize: number
}

/** Largest `begin` each format can hold: CDF-1 offsets are signed 32-bit, CDF-2 offsets 64-bit. */
const MAX_BEGIN = {classic: 2 ** 31 - 1, '64bit-offset': Number.MAX_SAFE_INTEGER} as const
/** Each fixed variable and each record slab must stay below 4 GiB in CDF-1 and CDF-2. */
const MAX_VSIZE = 2 ** 32 - 4

export const roundUp4 = (n: number): number => Math.ceil(n / 4) * 4

/** Computes vsize and begin for every variable of a header of `headerSize` bytes. */
export function computeLayout(schema: ResolvedSchema, headerSize: number, file?: string): FileLayout {
  const sizes = schema.variables.map((v) => {
    const count = v.slabShape.reduce((a, b) => a * b, 1)
    const dataBytes = count * ncTypeSize[v.type]
    return {count, dataBytes, vsize: roundUp4(dataBytes)}
  })
  const begins: number[] = new Array(sizes.length).fill(0)
  let cursor = headerSize
  schema.variables.forEach((v, i) => {
    if (v.isRecord) return
    begins[i] = cursor
    cursor += sizes[i].vsize
  })
  const recordsBegin = cursor
  const recordVars = schema.variables.flatMap((v, i) => (v.isRecord ? [i] : []))
  for (const i of recordVars) {
    begins[i] = cursor
    cursor += sizes[i].vsize
  }
  // One record variable: records are packed without padding (spec, "Data part" note).
  const recordSize = recordVars.length === 1 ? sizes[recordVars[0]].dataBytes : cursor - recordsBegin
  const variables = sizes.map((s, i) => ({...s, begin: begins[i]}))
  checkLimits(schema, variables, file)
  return {headerSize, variables, recordsBegin, recordSize}
}

function checkLimits(schema: ResolvedSchema, variables: readonly VariableLayout[], file?: string): void {
  const maxBegin = MAX_BEGIN[schema.format]
  variables.forEach((l, i) => {
    const name = schema.variables[i].name
    if (l.vsize > MAX_VSIZE) {
      throw new InputError(
        `${l.vsize} bytes${schema.variables[i].isRecord ? ' per record' : ''}; expected under 4 GiB per variable (NetCDF-3 limit)`,
        {file, field: name},
      )
    }
    if (l.begin > maxBegin) {
      const hint = schema.format === 'classic' ? '; use the 64bit-offset format' : ''
      throw new InputError(
        `data would start at byte ${l.begin}; expected an offset below ${maxBegin + 1} in the ${schema.format} format${hint}`,
        {file, field: name},
      )
    }
  })
}
