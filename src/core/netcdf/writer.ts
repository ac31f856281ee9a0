/**
 * Streaming NetCDF-3 writer (CDF-1 classic, CDF-2 64-bit offset).
 *
 * `create` validates the schema, computes the header size and then every
 * variable's offset, and writes the header to a temporary file next to the target.
 * Fixed-size variables are written with positioned writes in any order; records
 * are appended one at a time and written straight to disk, so a long simulation
 * never sits in memory. `close` fills the fixed variables never written, patches
 * `numrecs`, fsyncs and renames the temporary file onto the target; `abort` (or
 * SIGINT/SIGTERM, via report/atomic-write) removes it, so no partial file is left.
 */
import {closeSync, fsyncSync, openSync, writeSync} from 'node:fs'
import {InputError, InternalError} from '../errors.js'
import {abandonTempPath, commitTempPath, reserveTempPath} from '../io/atomic-write.js'
import {classifyWriteError} from '../io/output-paths.js'
import {encodeHeader, resolveSchema, type NetcdfSchema, type ResolvedSchema, type ResolvedVariable} from './header.js'
import {computeLayout, type FileLayout, type VariableLayout} from './layout.js'
import {encodeFill, encodeValues, ncTypeSize, type VariableData} from './types.js'

/** numrecs is a 32-bit count and 0xFFFFFFFF means "streaming" (unsupported by readers). */
const MAX_RECORDS = 0xfffffffe
/** Chunk size for writing fill values over unwritten variables. */
const FILL_CHUNK = 1 << 20

export class NetcdfWriter {
  private numrecs = 0
  private state: 'open' | 'closed' | 'aborted' = 'open'
  private readonly writtenFixed = new Set<number>()
  /** One whole record, reused for every appendRecord (padding pre-filled once). */
  private readonly record: Buffer

  private constructor(
    readonly path: string,
    private readonly temp: string,
    private readonly fd: number,
    private readonly schema: ResolvedSchema,
    private readonly layout: FileLayout,
  ) {
    this.record = Buffer.alloc(layout.recordSize)
    // Pre-fill the slabs' padding; appendRecord only ever overwrites the data bytes.
    this.forEachRecordVariable((v, l, at) => {
      const bytes = Math.min(l.vsize, this.record.length - at) // a single packed variable has no padding
      encodeFill(v.type, v.fill, view(this.record), at, bytes / ncTypeSize[v.type])
    })
  }

  /** Validates the schema, lays the file out and writes the header to a temporary file. */
  static create(path: string, schema: NetcdfSchema): NetcdfWriter {
    const resolved = resolveSchema(schema, path)
    const headerSize = encodeHeader(
      resolved,
      0,
      resolved.variables.map(() => ({vsize: 0, begin: 0})),
    ).length
    const layout = computeLayout(resolved, headerSize, path)
    const temp = reserveTempPath(path)
    let fd: number
    try {
      fd = openSync(temp, 'w')
    } catch (error) {
      abandonTempPath(temp)
      classifyWriteError(error, path)
    }
    writeAll(fd, encodeHeader(resolved, 0, layout.variables), 0)
    return new NetcdfWriter(path, temp, fd, resolved, layout)
  }

  /** Records appended so far. */
  get numRecords(): number {
    return this.numrecs
  }

  /** Writes a whole fixed-size (non-record) variable; padding gets the fill value. */
  writeVariable(name: string, data: VariableData): void {
    this.assertOpen()
    const index = this.indexOf(name)
    const v = this.schema.variables[index]
    if (v.isRecord)
      throw new InputError('is a record variable; write it with appendRecord', {file: this.path, field: v.name})
    const l = this.layout.variables[index]
    const bytes = Buffer.alloc(l.vsize)
    encodeFill(v.type, v.fill, view(bytes), 0, l.vsize / ncTypeSize[v.type]) // padding gets the fill value
    encodeSlab(v, l, data, view(bytes), 0, this.path)
    writeAll(this.fd, bytes, l.begin)
    this.writtenFixed.add(index)
  }

  /** Appends one record: `slabs` must hold exactly one slab for every record variable. */
  appendRecord(slabs: Readonly<Record<string, VariableData>>): void {
    this.assertOpen()
    for (const name of Object.keys(slabs)) {
      if (!this.schema.variables[this.indexOf(name)].isRecord)
        throw new InputError('is not a record variable; write it with writeVariable', {file: this.path, field: name})
    }
    if (this.numrecs >= MAX_RECORDS) throw new InputError(`expected at most ${MAX_RECORDS} records`, {file: this.path})
    const given = new Map(Object.entries(slabs).map(([k, d]) => [k.normalize('NFC'), d]))
    this.forEachRecordVariable((v, l, at) => {
      const data = given.get(v.name)
      if (data === undefined)
        throw new InputError(`missing from record ${this.numrecs}; expected one slab per record variable`, {
          file: this.path,
          field: v.name,
        })
      encodeSlab(v, l, data, view(this.record), at, this.path)
    })
    writeAll(this.fd, this.record, this.layout.recordsBegin + this.numrecs * this.layout.recordSize)
    this.numrecs++
  }

  /** Fills unwritten fixed variables, sets numrecs, fsyncs and renames onto the target. */
  async close(): Promise<void> {
    this.assertOpen()
    try {
      this.schema.variables.forEach((v, i) => {
        if (!v.isRecord && !this.writtenFixed.has(i)) this.fillFixed(v, this.layout.variables[i])
      })
      const numrecs = Buffer.alloc(4)
      numrecs.writeUInt32BE(this.numrecs)
      writeAll(this.fd, numrecs, 4) // numrecs follows the 4-byte magic
      fsyncSync(this.fd)
      closeSync(this.fd)
      this.state = 'closed'
      commitTempPath(this.temp, this.path)
    } catch (error) {
      this.abort()
      throw error
    }
  }

  /** Discards everything: closes and removes the temporary file. Safe to call twice. */
  abort(): void {
    if (this.state === 'open') {
      try {
        closeSync(this.fd)
      } catch {}
    }
    if (this.state !== 'aborted') abandonTempPath(this.temp)
    this.state = 'aborted'
  }

  private fillFixed(v: ResolvedVariable, l: VariableLayout): void {
    const size = ncTypeSize[v.type]
    const chunk = Buffer.alloc(Math.min(l.vsize, FILL_CHUNK)) // vsize and FILL_CHUNK hold whole values
    encodeFill(v.type, v.fill, view(chunk), 0, chunk.length / size)
    for (let done = 0; done < l.vsize; done += chunk.length)
      writeAll(this.fd, chunk.subarray(0, Math.min(chunk.length, l.vsize - done)), l.begin + done)
  }

  /** Calls `fn` with each record variable and its offset inside one record. */
  private forEachRecordVariable(fn: (v: ResolvedVariable, l: VariableLayout, at: number) => void): void {
    this.schema.variables.forEach((v, i) => {
      if (v.isRecord) fn(v, this.layout.variables[i], this.layout.variables[i].begin - this.layout.recordsBegin)
    })
  }

  private indexOf(name: string): number {
    const i = this.schema.variables.findIndex((v) => v.name === name.normalize('NFC'))
    if (i < 0) throw new InputError('unknown variable', {file: this.path, field: name})
    return i
  }

  private assertOpen(): void {
    if (this.state !== 'open') throw new InternalError(`NetCDF writer is already ${this.state}`, {file: this.path})
  }
}

const view = (b: Buffer): DataView => new DataView(b.buffer, b.byteOffset, b.byteLength)

/** Encodes one variable (or one record slab) at `at`, checking its length and value types. */
function encodeSlab(
  v: ResolvedVariable,
  l: VariableLayout,
  data: VariableData,
  out: DataView,
  at: number,
  file: string,
): void {
  const shape = `[${v.slabShape.join(', ')}]`
  if (v.type === 'char') {
    if (typeof data !== 'string' && !(data instanceof Uint8Array))
      throw new InputError('expected text or bytes for a char variable', {file, field: v.name})
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
    if (bytes.length > l.count)
      throw new InputError(`expected at most ${l.count} bytes (shape ${shape}), got ${bytes.length}`, {
        file,
        field: v.name,
      })
    new Uint8Array(out.buffer, out.byteOffset + at, bytes.length).set(bytes)
    encodeFill('char', v.fill, out, at + bytes.length, l.count - bytes.length) // NUL-pad short text
    return
  }
  if (typeof data === 'string')
    throw new InputError(`expected numbers for a ${v.type} variable, got text`, {file, field: v.name})
  if (data.length !== l.count)
    throw new InputError(`expected ${l.count} values (shape ${shape}), got ${data.length}`, {file, field: v.name})
  const bad = encodeValues(v.type, data, out, at, v.fill)
  if (bad >= 0)
    throw new InputError(`value ${data[bad]} at index ${bad} is not representable as ${v.type}`, {file, field: v.name})
}

function writeAll(fd: number, bytes: Uint8Array, position: number): void {
  let done = 0
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done, position + done)
}
