/**
 * Longer than 250 lines on purpose: one grammar (the classic-format header), validated and encoded in the same
 * order as the specification lists it.
 *
 * The NetCDF-3 header: schema validation (names, dimensions, attribute types) and
 * its byte encoding. Grammar (Unidata classic format specification):
 *   header = magic numrecs dim_list gatt_list var_list
 *   list   = ABSENT (two zero words) | tag nelems item…
 *   name   = nelems bytes, zero-padded to 4; var = name ndims dimid… vatt_list nc_type vsize begin
 * Everything is big-endian; `begin` is 32-bit in CDF-1 and 64-bit in CDF-2. The
 * header's length does not depend on the `begin` values, so the writer encodes it
 * once with zero offsets to learn its size, computes the layout, then encodes it again.
 */
import {InputError} from '../errors.js'
import {
  type AttrValue,
  type NcType,
  ncDefaultFill,
  ncIntegerRange,
  ncTypeCode,
  ncTypes,
  ncTypeSize,
  encodeValues,
} from './types.js'

export type NetcdfFormat = 'classic' | '64bit-offset'

export interface DimensionSpec {
  readonly name: string
  /** A positive length, or 'unlimited' for the (single) record dimension. */
  readonly size: number | 'unlimited'
}

export interface VariableSpec {
  readonly name: string
  readonly type: NcType
  /** Dimension names, slowest first; the unlimited dimension may only come first. */
  readonly dimensions: readonly string[]
  readonly attributes?: Readonly<Record<string, AttrValue | undefined>>
}

export interface NetcdfSchema {
  readonly format: NetcdfFormat
  readonly dimensions: readonly DimensionSpec[]
  readonly attributes?: Readonly<Record<string, AttrValue | undefined>>
  readonly variables: readonly VariableSpec[]
}

/** An attribute reduced to its on-disk form: a type and its values (char: UTF-8 bytes). */
export interface ResolvedAttr {
  readonly name: string
  readonly type: NcType
  readonly values: readonly number[] | Uint8Array
}

export interface ResolvedVariable {
  readonly name: string
  readonly type: NcType
  readonly dimIds: readonly number[]
  /** Lengths of the dimensions; the record dimension counts as 1 (one slab). */
  readonly slabShape: readonly number[]
  readonly isRecord: boolean
  readonly attributes: readonly ResolvedAttr[]
  /** `_FillValue` if given, else the type's default fill. */
  readonly fill: number
}

export interface ResolvedSchema {
  readonly format: NetcdfFormat
  readonly dims: readonly {readonly name: string; readonly size: number}[]
  readonly recordDimId: number
  readonly attributes: readonly ResolvedAttr[]
  readonly variables: readonly ResolvedVariable[]
}

const TAG_DIMENSION = 0x0a
const TAG_VARIABLE = 0x0b
const TAG_ATTRIBUTE = 0x0c
const MAX_NAME_BYTES = 256
const MAX_DIM_LENGTH = 2 ** 31 - 1
/** Attributes CF requires to have the variable's own type; plain numbers are converted to it. */
const SAME_TYPE_ATTRS = new Set(['_FillValue', 'missing_value', 'valid_range', 'valid_min', 'valid_max'])

/**
 * NFC-normalises and checks a name as netcdf-c's NC_check_name does: first character
 * alphanumeric (any script) or `_`, no `/`, no control characters, no trailing space,
 * at most 256 UTF-8 bytes.
 */
export function validateName(raw: string, what: string, file?: string): string {
  const name = raw.normalize('NFC')
  const bad = (why: string) => new InputError(`invalid ${what} name ${JSON.stringify(raw)}: ${why}`, {file, field: raw})
  if (name.length === 0) throw bad('expected a non-empty name')
  if (!/^[\p{L}\p{N}_]/u.test(name)) throw bad('expected the first character to be a letter, digit or _')
  if (name.includes('/')) throw bad('"/" is not allowed')
  if (/[\u0000-\u001f\u007f]/.test(name)) throw bad('control characters are not allowed')
  if (/\s$/u.test(name)) throw bad('trailing white space is not allowed')
  if (Buffer.byteLength(name, 'utf8') > MAX_NAME_BYTES) throw bad(`expected at most ${MAX_NAME_BYTES} UTF-8 bytes`)
  return name
}

/** Converts one attribute to its on-disk type; `varType` applies CF's same-type rule. */
function resolveAttr(rawName: string, value: AttrValue, varType: NcType | undefined, file?: string): ResolvedAttr {
  const name = validateName(rawName, 'attribute', file)
  const fail = (why: string) => new InputError(`attribute ${name}: ${why}`, {file, field: name})
  if (typeof value === 'string')
    return {name, type: 'char', values: new Uint8Array(Buffer.from(value.normalize('NFC'), 'utf8'))}
  let type: NcType
  let values: readonly number[]
  if (typeof value === 'number' || Array.isArray(value)) {
    values = typeof value === 'number' ? [value] : (value as readonly number[])
    type = varType !== undefined && varType !== 'char' && SAME_TYPE_ATTRS.has(name) ? varType : 'double'
  } else {
    const typed = value as {type: NcType; values: readonly number[]}
    if (!ncTypes.includes(typed.type) || typed.type === 'char')
      throw fail(`unknown attribute type ${String(typed.type)}`)
    ;({type, values} = typed)
  }
  if (values.length === 0) throw fail('expected at least one value')
  if (name === '_FillValue' && varType !== undefined && type !== varType)
    throw fail(`expected type ${varType} (the variable's type), got ${type}`)
  const range = ncIntegerRange[type]
  for (const v of values) {
    if (typeof v !== 'number') throw fail('expected numbers')
    if (range && !(Number.isInteger(v) && v >= range[0] && v <= range[1]))
      throw fail(`${v} is not a ${type} (integers ${range[0]}..${range[1]})`)
  }
  return {name, type, values: [...values]}
}

function resolveAttrs(
  attrs: Readonly<Record<string, AttrValue | undefined>> | undefined,
  varType: NcType | undefined,
  file?: string,
): ResolvedAttr[] {
  const out: ResolvedAttr[] = []
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined) continue
    const attr = resolveAttr(name, value, varType, file)
    if (out.some((a) => a.name === attr.name))
      throw new InputError(`duplicate attribute ${attr.name}`, {file, field: attr.name})
    out.push(attr)
  }
  return out
}

/** Checks a schema and resolves names to ids, attributes to on-disk types. */
export function resolveSchema(schema: NetcdfSchema, file?: string): ResolvedSchema {
  if (schema.format !== 'classic' && schema.format !== '64bit-offset') {
    throw new InputError(`unknown format ${String(schema.format)}; expected classic or 64bit-offset`, {
      file,
      field: 'format',
    })
  }
  const dims = schema.dimensions.map((d) => {
    const name = validateName(d.name, 'dimension', file)
    const size = d.size === 'unlimited' ? 0 : d.size
    if (d.size !== 'unlimited' && !(Number.isInteger(size) && size >= 1 && size <= MAX_DIM_LENGTH)) {
      throw new InputError(
        `dimension ${name}: expected a length 1..${MAX_DIM_LENGTH} or 'unlimited', got ${String(d.size)}`,
        {file, field: name},
      )
    }
    return {name, size}
  })
  assertUnique(
    dims.map((d) => d.name),
    'dimension',
    file,
  )
  const unlimited = dims.flatMap((d, i) => (d.size === 0 ? [i] : []))
  if (unlimited.length > 1)
    throw new InputError('at most one unlimited dimension is allowed in NetCDF-3', {
      file,
      field: dims[unlimited[1]].name,
    })
  const recordDimId = unlimited[0] ?? -1
  const variables = schema.variables.map((v): ResolvedVariable => {
    const name = validateName(v.name, 'variable', file)
    if (!ncTypes.includes(v.type))
      throw new InputError(`unknown type ${String(v.type)}; expected one of ${ncTypes.join(', ')}`, {file, field: name})
    const dimIds = v.dimensions.map((dn) => {
      const id = dims.findIndex((d) => d.name === dn.normalize('NFC'))
      if (id < 0) throw new InputError(`unknown dimension ${dn}`, {file, field: name})
      return id
    })
    if (dimIds.slice(1).includes(recordDimId))
      throw new InputError('the unlimited dimension must be the first dimension', {file, field: name})
    const attributes = resolveAttrs(v.attributes, v.type, file)
    const fillAttr = attributes.find((a) => a.name === '_FillValue')
    return {
      name,
      type: v.type,
      dimIds,
      slabShape: dimIds.map((id) => (id === recordDimId ? 1 : dims[id].size)),
      isRecord: dimIds.length > 0 && dimIds[0] === recordDimId,
      attributes,
      fill: fillAttr ? fillAttr.values[0] : ncDefaultFill[v.type],
    }
  })
  assertUnique(
    variables.map((v) => v.name),
    'variable',
    file,
  )
  return {
    format: schema.format,
    dims,
    recordDimId,
    attributes: resolveAttrs(schema.attributes, undefined, file),
    variables,
  }
}

function assertUnique(names: readonly string[], what: string, file?: string): void {
  const seen = new Set<string>()
  for (const n of names) {
    if (seen.has(n)) throw new InputError(`duplicate ${what} name`, {file, field: n})
    seen.add(n)
  }
}

/** Collects big-endian words and padded byte strings. */
class HeaderBytes {
  private readonly parts: Buffer[] = []
  u32(n: number): void {
    const b = Buffer.alloc(4)
    b.writeUInt32BE(n)
    this.parts.push(b)
  }
  u64(n: number): void {
    const b = Buffer.alloc(8)
    b.writeBigUInt64BE(BigInt(n))
    this.parts.push(b)
  }
  /** Bytes followed by zero padding to a 4-byte boundary (header padding is always zero). */
  padded(bytes: Uint8Array): void {
    this.parts.push(Buffer.from(bytes), Buffer.alloc((4 - (bytes.length % 4)) % 4))
  }
  name(name: string): void {
    const bytes = Buffer.from(name, 'utf8')
    this.u32(bytes.length)
    this.padded(bytes)
  }
  /** An ABSENT list or `tag nelems`; the caller writes the items. */
  list(tag: number, count: number): void {
    this.u32(count === 0 ? 0 : tag)
    this.u32(count)
  }
  attrs(attrs: readonly ResolvedAttr[]): void {
    this.list(TAG_ATTRIBUTE, attrs.length)
    for (const a of attrs) {
      this.name(a.name)
      this.u32(ncTypeCode[a.type])
      this.u32(a.values.length)
      if (a.type === 'char') {
        this.padded(a.values as Uint8Array)
      } else {
        const bytes = new Uint8Array(a.values.length * ncTypeSize[a.type])
        encodeValues(a.type, a.values as readonly number[], new DataView(bytes.buffer), 0, 0)
        this.padded(bytes)
      }
    }
  }
  toBytes(): Buffer {
    return Buffer.concat(this.parts)
  }
}

/** Per-variable `vsize` and `begin`, as computed by layout.ts. */
export interface VariablePlacement {
  readonly vsize: number
  readonly begin: number
}

/** Encodes the header; `placements` may be all zeros to measure its length. */
export function encodeHeader(
  schema: ResolvedSchema,
  numrecs: number,
  placements: readonly VariablePlacement[],
): Buffer {
  const h = new HeaderBytes()
  h.padded(Buffer.from([0x43, 0x44, 0x46, schema.format === 'classic' ? 1 : 2])) // 'C' 'D' 'F' version
  h.u32(numrecs)
  h.list(TAG_DIMENSION, schema.dims.length)
  for (const d of schema.dims) {
    h.name(d.name)
    h.u32(d.size)
  }
  h.attrs(schema.attributes)
  h.list(TAG_VARIABLE, schema.variables.length)
  schema.variables.forEach((v, i) => {
    h.name(v.name)
    h.u32(v.dimIds.length)
    for (const id of v.dimIds) h.u32(id)
    h.attrs(v.attributes)
    h.u32(ncTypeCode[v.type])
    h.u32(Math.min(placements[i].vsize, 0xffffffff)) // 2^32-1 marks an oversize variable
    if (schema.format === 'classic') h.u32(placements[i].begin)
    else h.u64(placements[i].begin)
  })
  return h.toBytes()
}
