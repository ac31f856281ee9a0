/**
 * Parses one GGUF file's header (v2 and v3, little-endian; ggml/docs/gguf.md):
 *
 *     "GGUF" | version u32 | tensor_count u64 | kv_count u64
 *     kv_count × (key string, value type u32, value)
 *     tensor_count × (name string, n_dims u32, ne[n_dims] u64, type u32, offset u64)
 *     padding to `general.alignment` (default 32), then the tensor data
 *
 * and checks everything a later read relies on: counts that fit in the file (checked
 * before any allocation), n_dims ≤ 4, known type ids, ne[0] a whole number of blocks,
 * offsets aligned, inside the file and not overlapping, names and keys unique. ggml
 * lists dimensions fastest-first (ne[0] = columns); the shape reported is reversed into
 * the row-major (PyTorch) order, so the data read back is W as the model stored it.
 */
import {closeSync, fstatSync, openSync} from 'node:fs'
import {InputError} from '../errors.js'
import {ggmlTypeById, type GgmlType} from './ggml-types.js'
import {HeaderCursor} from './header-cursor.js'
import {readMetadataValue, type MetadataValue} from './metadata-value.js'

export const DEFAULT_ALIGNMENT = 32
const MAX_DIMS = 4
/** The fewest bytes a key/value pair (8-byte key length, type, 1-byte value) and a tensor info take. */
const MIN_KV_BYTES = 8 + 4 + 1
const MIN_TENSOR_INFO_BYTES = 8 + 4 + 4 + 8
const FIXED_HEADER_BYTES = 4 + 4 + 8 + 8

export interface GgufTensorInfo {
  readonly name: string
  readonly type: GgmlType
  /** Row-major shape (ne reversed). */
  readonly shape: number[]
  /** Stored bytes. */
  readonly byteLength: number
  /** Absolute position of the data in the file. */
  readonly offset: number
}

export interface GgufHeader {
  readonly version: number
  readonly metadata: ReadonlyMap<string, MetadataValue>
  readonly alignment: number
  /** Where the tensor data section starts (header and padding before it). */
  readonly dataStart: number
  readonly tensors: GgufTensorInfo[]
  readonly fileBytes: number
}

/** Opens `file`, parses and validates its header, and closes it again. */
export function readGgufHeader(file: string): GgufHeader {
  let fd: number
  try {
    fd = openSync(file, 'r')
  } catch (error) {
    throw new InputError(`cannot open (${(error as NodeJS.ErrnoException).code ?? 'error'})`, {file})
  }
  try {
    return parseHeader(new HeaderCursor(fd, file, fstatSync(fd).size))
  } finally {
    closeSync(fd)
  }
}

function parseHeader(cursor: HeaderCursor): GgufHeader {
  const {file} = cursor
  checkMagic(cursor)
  const version = checkVersion(cursor)
  const tensorCount = cursor.u64('tensor_count')
  const kvCount = cursor.u64('kv_count')
  const least = FIXED_HEADER_BYTES + kvCount * MIN_KV_BYTES + tensorCount * MIN_TENSOR_INFO_BYTES
  if (least > cursor.size)
    throw new InputError(
      `tensor_count ${tensorCount} and kv_count ${kvCount} cannot fit in a file of ${cursor.size} bytes (corrupt header?)`,
      {file, field: 'tensor_count'},
    )
  const metadata = readMetadata(cursor, kvCount)
  const alignment = alignmentOf(file, metadata)
  const raw = Array.from({length: tensorCount}, (_, i) => readTensorInfo(cursor, i))
  const dataStart = Math.ceil(cursor.position / alignment) * alignment
  const tensors = raw.map((t) => placeTensor(file, t, dataStart, alignment, cursor.size))
  checkNoOverlap(file, tensors)
  return {version, metadata, alignment, dataStart, tensors, fileBytes: cursor.size}
}

function checkMagic(cursor: HeaderCursor): void {
  const magic = cursor.bytes(4, 'magic')
  if (String.fromCharCode(...magic) !== 'GGUF')
    throw new InputError(
      `not a GGUF file: starts with bytes ${[...magic].map((b) => b.toString(16).padStart(2, '0')).join(' ')}, expected "GGUF"`,
      {file: cursor.file, field: 'magic'},
    )
}

function checkVersion(cursor: HeaderCursor): number {
  const version = cursor.u32('version')
  if (version === 2 || version === 3) return version
  // a big-endian file (gguf-py --bigendian) stores version 3 as 00 00 00 03
  const why =
    version === 0x02000000 || version === 0x03000000
      ? ' (a big-endian GGUF; only little-endian files are read)'
      : version === 1
        ? ' (GGUF v1 with 32-bit counts, from before llama.cpp 2023-08, is not read)'
        : ''
  throw new InputError(`version ${version}${why}, expected 2 or 3`, {file: cursor.file, field: 'version'})
}

function readMetadata(cursor: HeaderCursor, kvCount: number): Map<string, MetadataValue> {
  const metadata = new Map<string, MetadataValue>()
  for (let i = 0; i < kvCount; i++) {
    const key = cursor.string(`metadata key #${i}`)
    if (metadata.has(key))
      throw new InputError('duplicate metadata key (expected each key once)', {file: cursor.file, field: key})
    metadata.set(key, readMetadataValue(cursor, key))
  }
  return metadata
}

function alignmentOf(file: string, metadata: ReadonlyMap<string, MetadataValue>): number {
  const value = metadata.get('general.alignment')
  if (value === undefined) return DEFAULT_ALIGNMENT
  const n = value.integer
  if (n === undefined || n <= 0 || (n & (n - 1)) !== 0 || n > 2 ** 30)
    throw new InputError(`${value.text} (${value.type}), expected a power of two`, {
      file,
      field: 'general.alignment',
    })
  return n
}

interface RawTensorInfo {
  readonly name: string
  readonly ne: number[]
  readonly type: GgmlType
  readonly offset: number
}

function readTensorInfo(cursor: HeaderCursor, index: number): RawTensorInfo {
  const name = cursor.string(`tensor info #${index}`)
  const field = `tensor ${name}`
  const nDims = cursor.u32(field)
  if (nDims > MAX_DIMS)
    throw new InputError(`n_dims ${nDims}, expected at most ${MAX_DIMS} (ggml's limit)`, {file: cursor.file, field})
  const ne = Array.from({length: nDims}, () => cursor.u64(field))
  const typeId = cursor.u32(field)
  const type = ggmlTypeById(typeId)
  if (!type)
    throw new InputError(`unknown ggml type id ${typeId} (a newer ggml type infolens does not know)`, {
      file: cursor.file,
      field,
    })
  return {name, ne, type, offset: cursor.u64(field)}
}

function placeTensor(
  file: string,
  t: RawTensorInfo,
  dataStart: number,
  alignment: number,
  fileBytes: number,
): GgufTensorInfo {
  const field = `tensor ${t.name}`
  const elements = t.ne.reduce((p, d) => p * d, 1)
  if (!Number.isSafeInteger(elements))
    throw new InputError(`ne [${t.ne.join(', ')}] has more than 2^53 elements`, {file, field})
  const {blockSize, typeSize, name} = t.type
  if ((t.ne[0] ?? 1) % blockSize !== 0)
    throw new InputError(
      `ne[0] = ${t.ne[0]} is not a whole number of ${name} blocks of ${blockSize} (shape/size mismatch)`,
      {file, field},
    )
  const byteLength = (elements / blockSize) * typeSize
  if (t.offset % alignment !== 0)
    throw new InputError(`data offset ${t.offset} is not a multiple of the alignment ${alignment}`, {file, field})
  const offset = dataStart + t.offset
  if (offset + byteLength > fileBytes)
    throw new InputError(
      `data [${offset}, ${offset + byteLength}) (${byteLength} bytes of ${name}) runs past the end of the file at ${fileBytes} (truncated?)`,
      {file, field},
    )
  return {name: t.name, type: t.type, shape: [...t.ne].reverse(), byteLength, offset}
}

function checkNoOverlap(file: string, tensors: readonly GgufTensorInfo[]): void {
  const names = new Set<string>()
  for (const t of tensors) {
    if (names.has(t.name))
      throw new InputError('tensor name appears twice (expected unique names)', {file, field: `tensor ${t.name}`})
    names.add(t.name)
  }
  const byOffset = [...tensors].sort((a, b) => a.offset - b.offset)
  for (let i = 1; i < byOffset.length; i++) {
    const prev = byOffset[i - 1]
    const t = byOffset[i]
    if (t.offset < prev.offset + prev.byteLength)
      throw new InputError(
        `data at byte ${t.offset} overlaps tensor ${prev.name} (bytes ${prev.offset}-${prev.offset + prev.byteLength})`,
        {file, field: `tensor ${t.name}`},
      )
  }
}
