/**
 * Rows of a 2-D NumPy `.npy` file, read with positioned reads (never the whole file): a binary
 * side-car for embeddings that a JSONL line references by file and row, so a million 768-d
 * vectors need no text parsing. Format (NumPy NEP 1, versions 1.0–3.0): magic `\x93NUMPY`, major
 * and minor version bytes, header length (2 bytes LE in 1.0, 4 bytes in 2.0/3.0), a Python dict
 * literal `{'descr': '<f8', 'fortran_order': False, 'shape': (N, D), }`, then the data. Accepted:
 * little-endian float64 (`<f8`) or float32 (`<f4`, widened exactly), C order, two dimensions.
 * Problems are `NpyProblem`s (field `npy` or `row`) for the caller to place in its own message.
 */
import {closeSync, fstatSync, openSync, readSync} from 'node:fs'
import {endianness} from 'node:os'

export class NpyProblem extends Error {
  constructor(
    /** `npy` (the file) or `row` (the requested row). */
    readonly field: 'npy' | 'row',
    message: string,
  ) {
    super(message)
  }
}

export interface NpyMatrixFile {
  readonly rows: number
  readonly cols: number
  readonly dtype: 'f8' | 'f4'
}

interface OpenNpy extends NpyMatrixFile {
  readonly fd: number
  readonly dataOffset: number
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59] // \x93NUMPY

function readExactly(fd: number, length: number, position: number): Buffer {
  const buf = Buffer.alloc(length)
  let got = 0
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, position + got)
    if (n === 0) break
    got += n
  }
  return got === length ? buf : buf.subarray(0, got)
}

/** The header dict's three keys, or a problem naming what was found. */
function parseHeader(text: string, path: string): Pick<NpyMatrixFile, 'rows' | 'cols' | 'dtype'> {
  const descr = /'descr':\s*'([^']*)'/.exec(text)?.[1]
  const fortran = /'fortran_order':\s*(True|False)/.exec(text)?.[1]
  const shape = /'shape':\s*\(([^)]*)\)/.exec(text)?.[1]
  if (descr === undefined || fortran === undefined || shape === undefined)
    throw new NpyProblem('npy', `${path}: expected an .npy header with descr, fortran_order and shape`)
  if (descr !== '<f8' && descr !== '<f4')
    throw new NpyProblem('npy', `${path}: expected dtype <f8 or <f4 (little-endian float64/float32), got ${descr}`)
  if (fortran !== 'False') throw new NpyProblem('npy', `${path}: expected C order (fortran_order False)`)
  const dims = shape
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
  if (dims.length !== 2 || !dims.every((d) => /^\d+$/.test(d)))
    throw new NpyProblem('npy', `${path}: expected a 2-D array (rows, dimension), got shape (${shape})`)
  const [rows, cols] = dims.map(Number)
  if (cols === 0) throw new NpyProblem('npy', `${path}: expected at least one column, got shape (${shape})`)
  return {rows, cols, dtype: descr === '<f8' ? 'f8' : 'f4'}
}

function openNpy(path: string): OpenNpy {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch (error) {
    throw new NpyProblem('npy', `cannot read ${path}: ${(error as Error).message}`)
  }
  try {
    if (!fstatSync(fd).isFile()) throw new NpyProblem('npy', `${path}: expected a file`)
    const lead = readExactly(fd, 12, 0)
    if (lead.length < 10 || MAGIC.some((b, i) => lead[i] !== b))
      throw new NpyProblem('npy', `${path}: expected an .npy file (magic \\x93NUMPY)`)
    const major = lead[6]
    if (major < 1 || major > 3) throw new NpyProblem('npy', `${path}: expected .npy format version 1-3, got ${major}`)
    const headerLength = major === 1 ? lead.readUInt16LE(8) : lead.readUInt32LE(8)
    const headerStart = major === 1 ? 10 : 12
    const header = readExactly(fd, headerLength, headerStart).toString('latin1')
    const parsed = parseHeader(header, path)
    const dataOffset = headerStart + headerLength
    const need = dataOffset + parsed.rows * parsed.cols * (parsed.dtype === 'f8' ? 8 : 4)
    if (fstatSync(fd).size < need)
      throw new NpyProblem(
        'npy',
        `${path}: expected ${need} bytes for shape (${parsed.rows}, ${parsed.cols}), file is shorter`,
      )
    return {...parsed, fd, dataOffset}
  } catch (error) {
    closeSync(fd)
    throw error
  }
}

const LITTLE_ENDIAN_HOST = endianness() === 'LE'

/** `n` little-endian floats of `bytes` as float64 (a typed-array view where the host allows it). */
function decodeLittleEndian(bytes: Buffer, n: number, dtype: 'f8' | 'f4'): Float64Array {
  const width = dtype === 'f8' ? 8 : 4
  if (LITTLE_ENDIAN_HOST && bytes.byteOffset % width === 0) {
    const view =
      dtype === 'f8'
        ? new Float64Array(bytes.buffer, bytes.byteOffset, n)
        : new Float32Array(bytes.buffer, bytes.byteOffset, n)
    return dtype === 'f8' ? (view as Float64Array) : Float64Array.from(view)
  }
  const values = new Float64Array(n)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  for (let k = 0; k < n; k++) values[k] = width === 8 ? view.getFloat64(k * 8, true) : view.getFloat32(k * 4, true)
  return values
}

/**
 * Reads rows of .npy files, each file opened once and its header parsed once. `close()` releases
 * every file. Consecutive requested rows are fetched with one read.
 */
export class NpyRowReader {
  private readonly files = new Map<string, OpenNpy>()

  private file(path: string): OpenNpy {
    let f = this.files.get(path)
    if (f === undefined) {
      f = openNpy(path)
      this.files.set(path, f)
    }
    return f
  }

  /** Shape and dtype of the file at `path` (opened on first use). */
  describe(path: string): NpyMatrixFile {
    const {rows, cols, dtype} = this.file(path)
    return {rows, cols, dtype}
  }

  /** Rows `first … first + count − 1` of `path`, as float64 row views of one buffer. */
  readRows(path: string, first: number, count: number): Float64Array[] {
    const f = this.file(path)
    const last = first + count - 1
    if (!Number.isSafeInteger(first) || first < 0 || last >= f.rows)
      throw new NpyProblem(
        'row',
        `expected a row index below ${f.rows} (${path} has shape (${f.rows}, ${f.cols})), got ${last}`,
      )
    const width = f.dtype === 'f8' ? 8 : 4
    const bytes = readExactly(f.fd, count * f.cols * width, f.dataOffset + first * f.cols * width)
    const values = decodeLittleEndian(bytes, count * f.cols, f.dtype)
    return Array.from({length: count}, (_, r) => values.subarray(r * f.cols, (r + 1) * f.cols))
  }

  close(): void {
    for (const f of this.files.values()) closeSync(f.fd)
    this.files.clear()
  }
}
