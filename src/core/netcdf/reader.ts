/**
 * Reads CDF-1/CDF-2 files: the header through netcdfjs (cheminfo, MIT), the data
 * decoded here from netcdfjs's offsets. netcdfjs is used as is but three of its
 * habits are corrected (formats-and-engine.md §4.11): it reads bytes as unsigned
 * and text byte by byte as signed chars (so UTF-8 names come back garbled), it
 * returns padding values for variables whose size is not a multiple of 4, and it
 * ignores the packed layout of a file's single record variable. Every failure is an
 * InputError naming the file and what was expected.
 */
import {readFileSync} from 'node:fs'
import {NetCDFReader} from 'netcdfjs'
import {InputError} from '../errors.js'
import type {NetcdfFormat} from './header.js'
import {type NcType, ncTypes, ncTypeSize} from './types.js'

export interface NetcdfAttribute {
  readonly name: string
  readonly type: NcType
  /** Text for char attributes, numbers otherwise. */
  readonly value: string | readonly number[]
}

export interface NetcdfDimensionInfo {
  readonly name: string
  /** Current length (the number of records for the unlimited dimension). */
  readonly size: number
  readonly unlimited: boolean
}

export interface NetcdfVariableInfo {
  readonly name: string
  readonly type: NcType
  readonly dimensions: readonly string[]
  readonly shape: readonly number[]
  readonly record: boolean
  readonly attributes: readonly NetcdfAttribute[]
  /** File offset of the data (of record 0 for record variables) and the header's vsize. */
  readonly begin: number
  readonly vsize: number
}

export interface NetcdfHeader {
  readonly format: NetcdfFormat
  readonly version: 1 | 2
  readonly numRecords: number
  /** Bytes from one record to the next. */
  readonly recordSize: number
  readonly dimensions: readonly NetcdfDimensionInfo[]
  readonly attributes: readonly NetcdfAttribute[]
  readonly variables: readonly NetcdfVariableInfo[]
}

/** Values of one variable, flattened in C order; char variables come back as raw bytes. */
export type NetcdfValues = Int8Array | Uint8Array | Int16Array | Int32Array | Float32Array | Float64Array

const EXPECTED = 'expected a NetCDF-3 file (CDF-1 classic or CDF-2 64-bit offset)'

/** netcdfjs maps each byte b of a name or text to String.fromCharCode(signed b): undo it, then decode UTF-8. */
function recoverUtf8(text: string): string {
  return Buffer.from(Array.from(text, (c) => c.charCodeAt(0) & 0xff)).toString('utf8')
}

function toAttribute(raw: {name: string; type: string; value: unknown}): NetcdfAttribute {
  const type = raw.type as NcType
  const name = recoverUtf8(raw.name)
  if (type === 'char') return {name, type, value: recoverUtf8(String(raw.value ?? ''))}
  const values = (Array.isArray(raw.value) ? raw.value : [raw.value]) as number[]
  return {name, type, value: type === 'byte' ? values.map((b) => (b << 24) >> 24) : values}
}

export class NetcdfFile {
  private constructor(
    readonly path: string,
    readonly header: NetcdfHeader,
    private readonly bytes: Buffer,
  ) {}

  /** Reads and checks a file: header, and that every variable's data lies inside it. */
  static open(path: string): NetcdfFile {
    let bytes: Buffer
    try {
      bytes = readFileSync(path)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      const why =
        code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : `cannot read file (${code})`
      throw new InputError(`${why}; ${EXPECTED}`, {file: path})
    }
    const {header, headerSize} = parseHeader(bytes, path)
    for (const v of header.variables) checkPlacement(v, header, headerSize, bytes.length, path)
    return new NetcdfFile(path, header, bytes)
  }

  variable(name: string): NetcdfVariableInfo {
    const v = this.header.variables.find((x) => x.name === name.normalize('NFC'))
    if (!v) {
      const known = this.header.variables.map((x) => x.name).join(', ') || 'none'
      throw new InputError(`no such variable; expected one of: ${known}`, {file: this.path, field: name})
    }
    return v
  }

  /** All values of a variable (records concatenated), decoded from big-endian. */
  read(name: string): NetcdfValues {
    const v = this.variable(name)
    const slabBytes = slabValueCount(v) * ncTypeSize[v.type]
    const records = v.record ? this.header.numRecords : 1
    const raw = Buffer.alloc(slabBytes * records)
    for (let r = 0; r < records; r++) {
      const from = v.begin + r * this.header.recordSize
      this.bytes.copy(raw, r * slabBytes, from, from + slabBytes)
    }
    return decode(v.type, raw)
  }
}

/** Values in one record slab (record variables) or in the whole variable. */
function slabValueCount(v: NetcdfVariableInfo): number {
  return (v.record ? v.shape.slice(1) : v.shape).reduce((a, b) => a * b, 1)
}

function dataSpan(v: NetcdfVariableInfo, h: NetcdfHeader): number {
  const slab = slabValueCount(v) * ncTypeSize[v.type]
  if (!v.record) return slab
  return h.numRecords === 0 ? 0 : (h.numRecords - 1) * h.recordSize + slab
}

/**
 * Every variable's data must lie after the header and inside the file: data that begins inside the
 * header (begin = 0) decodes header bytes as numbers (NaN, 1e297), and data past the end cannot be read.
 */
function checkPlacement(v: NetcdfVariableInfo, h: NetcdfHeader, headerSize: number, size: number, path: string): void {
  const span = dataSpan(v, h)
  const fail = (why: string) => new InputError(`${why}; ${EXPECTED}`, {file: path, field: v.name})
  if (span === 0) return
  if (v.begin < headerSize)
    throw fail(`data overlaps the header: begins at byte ${v.begin}, the header ends at byte ${headerSize}`)
  if (v.begin >= size) throw fail(`data begins at byte ${v.begin}, past the end of the file (${size} bytes)`)
  if (v.begin + span > size)
    throw fail(`file is truncated: data ends at byte ${v.begin + span}, file has ${size} bytes`)
}

function parseHeader(bytes: Buffer, path: string): {header: NetcdfHeader; headerSize: number} {
  const magic = bytes.subarray(0, 4)
  if (magic.subarray(0, 4).equals(Buffer.from([0x89, 0x48, 0x44, 0x46]))) {
    throw new InputError(`found NetCDF-4/HDF5; ${EXPECTED} (convert with nccopy -k 64-bit-offset)`, {file: path})
  }
  if (magic.subarray(0, 3).toString('latin1') === 'CDF' && magic[3] === 5) {
    throw new InputError(`found CDF-5 (64-bit data); ${EXPECTED} (convert with nccopy -k 64-bit-offset)`, {file: path})
  }
  let nc: NetCDFReader
  try {
    nc = new NetCDFReader(bytes)
  } catch (error) {
    const reason =
      error instanceof RangeError || /outside the bounds|offset/i.test((error as Error).message)
        ? 'header is truncated'
        : (error as Error).message.replace(/^Not a valid NetCDF v3\.x file: /, '')
    throw new InputError(`${EXPECTED}: ${reason}`, {file: path})
  }
  const numRecords = nc.recordDimension.length
  if (numRecords === 0xffffffff)
    throw new InputError(`numrecs is STREAMING (file still being written); ${EXPECTED}`, {file: path})
  const dims = (nc.dimensions ?? []).map((d, id) => ({
    name: recoverUtf8(d.name),
    size: id === nc.recordDimension.id ? numRecords : d.size,
    unlimited: id === nc.recordDimension.id,
  }))
  const variables = (nc.variables ?? []).map((v): NetcdfVariableInfo => {
    const type = v.type as NcType
    if (!ncTypes.includes(type))
      throw new InputError(`variable ${recoverUtf8(v.name)} has an unknown type; ${EXPECTED}`, {file: path})
    const dimIds = v.dimensions as number[]
    if (dimIds.some((id) => id >= dims.length))
      throw new InputError(`variable ${recoverUtf8(v.name)} uses an unknown dimension; ${EXPECTED}`, {file: path})
    return {
      name: recoverUtf8(v.name),
      type,
      dimensions: dimIds.map((id) => dims[id].name),
      shape: dimIds.map((id) => dims[id].size),
      record: v.record,
      attributes: (v.attributes as {name: string; type: string; value: unknown}[]).map(toAttribute),
      begin: v.offset,
      vsize: v.size,
    }
  })
  const recordVars = variables.filter((v) => v.record)
  // A single record variable is packed (no padding between records): netcdf-c NC_computeshapes.
  const recordSize =
    recordVars.length === 1
      ? slabValueCount(recordVars[0]) * ncTypeSize[recordVars[0].type]
      : recordVars.reduce((a, v) => a + v.vsize, 0)
  const header: NetcdfHeader = {
    format: nc.header.version === 1 ? 'classic' : '64bit-offset',
    version: nc.header.version as 1 | 2,
    numRecords,
    recordSize,
    dimensions: dims,
    attributes: (nc.globalAttributes ?? []).map(toAttribute),
    variables,
  }
  // netcdfjs reads the header sequentially, so its buffer now stands at the header's end
  return {header, headerSize: nc.buffer.offset}
}

function decode(type: NcType, raw: Buffer): NetcdfValues {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength)
  const n = raw.length / ncTypeSize[type]
  if (type === 'char') return new Uint8Array(raw.buffer, raw.byteOffset, raw.length)
  if (type === 'byte') return new Int8Array(raw.buffer, raw.byteOffset, raw.length)
  const out = {short: Int16Array, int: Int32Array, float: Float32Array, double: Float64Array}[type]
  const values = new out(n)
  const get = {short: view.getInt16, int: view.getInt32, float: view.getFloat32, double: view.getFloat64}[type]
  const size = ncTypeSize[type]
  for (let i = 0; i < n; i++) values[i] = get.call(view, size * i) // big-endian is DataView's default
  return values
}

/** Opens a file (see NetcdfFile.open). */
export function openNetcdf(path: string): NetcdfFile {
  return NetcdfFile.open(path)
}
