/**
 * A streaming safetensors checkpoint reader. Opening reads only the headers; each
 * tensor is then read on demand with positioned reads (`read(fd, …, position)`) into
 * its own buffer, one read per tensor (chunked at 1 GiB, the most Node reads at
 * once), so a multi-GB checkpoint never sits in memory whole and Node needs no mmap.
 * Positions are JavaScript numbers, exact up to 2⁵³ bytes, so files over 4 GiB work.
 */
import type {FileHandle} from 'node:fs/promises'
import {basename} from 'node:path'
import {InputError} from '../errors.js'
import {DecodeRangeError, decodeInto, type Dtype, isDtype} from './dtypes.js'
import {headerLengthOf, parseHeader, type ParsedHeader} from './header.js'
import {compareNatural} from '../checkpoint/natural-order.js'
import {resolveCheckpoint} from './shards.js'
import {openForReading, readRange} from '../checkpoint/read-range.js'
import {
  type Checkpoint,
  type CheckpointLayout,
  elementCount,
  type ShardInfo,
  type TensorEntry,
} from '../checkpoint/checkpoint.js'

/** A safetensors tensor: the stored dtype is one of the safetensors names. */
export interface SafetensorsEntry extends TensorEntry {
  readonly dtype: Dtype
}

/** The safetensors checkpoint, with raw byte access on top of the common interface. */
export interface SafetensorsCheckpoint extends Checkpoint {
  readonly tensors: SafetensorsEntry[]
  /** Raw little-endian bytes, in a fresh 8-aligned buffer. */
  readBytes(entry: TensorEntry): Promise<Uint8Array>
}

/** Opens a checkpoint (file, shard directory or index.json) and validates every header. */
export async function openSafetensors(path: string): Promise<SafetensorsCheckpoint> {
  const layout = resolveCheckpoint(path)
  const handles = new Map<string, FileHandle>()
  try {
    const headers: {file: string; bytes: number; header: ParsedHeader}[] = []
    for (const file of layout.files) {
      const handle = await openForReading(file)
      handles.set(file, handle)
      headers.push({file, ...(await readHeader(file, handle))})
    }
    return new SafetensorsFiles(layout, handles, headers)
  } catch (error) {
    await Promise.all([...handles.values()].map((h) => h.close()))
    throw error
  }
}

async function readHeader(file: string, handle: FileHandle): Promise<{bytes: number; header: ParsedHeader}> {
  const {size} = await handle.stat()
  const first8 = new Uint8Array(Math.min(8, size))
  await readRange(file, handle, first8, 0)
  const n = headerLengthOf(file, first8, size)
  const headerBytes = new Uint8Array(n)
  await readRange(file, handle, headerBytes, 8)
  return {bytes: size, header: parseHeader(file, headerBytes, size)}
}

class SafetensorsFiles implements SafetensorsCheckpoint {
  readonly format = 'safetensors' as const
  readonly files: string[]
  readonly shards: readonly ShardInfo[]
  readonly metadata: Record<string, string> = {}
  readonly tensors: SafetensorsEntry[]

  constructor(
    readonly layout: CheckpointLayout,
    private readonly handles: Map<string, FileHandle>,
    headers: readonly {file: string; bytes: number; header: ParsedHeader}[],
  ) {
    this.files = [...layout.files]
    this.shards = headers.map(({file, bytes, header}) => ({
      path: file,
      bytes,
      headerBytes: header.headerLength,
      tensorCount: header.tensors.length,
    }))
    for (const {header} of [...headers].reverse()) Object.assign(this.metadata, header.metadata)
    this.tensors = collectTensors(layout, headers).sort((a, b) => compareNatural(a.name, b.name))
  }

  async readBytes(entry: TensorEntry): Promise<Uint8Array> {
    const handle = this.handles.get(entry.file)
    if (!handle)
      throw new InputError('tensor does not belong to this checkpoint (or it was closed)', {
        file: entry.file,
        field: `tensor ${entry.name}`,
      })
    const bytes = new Uint8Array(entry.byteLength)
    await readRange(entry.file, handle, bytes, entry.offset, `tensor ${entry.name}`)
    return bytes
  }

  async readFloat32(entry: TensorEntry): Promise<Float32Array> {
    const bytes = await this.readBytes(entry)
    const count = elementCount(entry)
    if (entry.dtype === 'F32' && littleEndianHost) return new Float32Array(bytes.buffer, 0, count)
    return decode(entry, bytes, new Float32Array(count))
  }

  async readFloat64(entry: TensorEntry): Promise<Float64Array> {
    const bytes = await this.readBytes(entry)
    const count = elementCount(entry)
    if (entry.dtype === 'F64' && littleEndianHost) return new Float64Array(bytes.buffer, 0, count)
    return decode(entry, bytes, new Float64Array(count))
  }

  async close(): Promise<void> {
    const handles = [...this.handles.values()]
    this.handles.clear()
    await Promise.all(handles.map((h) => h.close()))
  }
}

const littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

function decode<T extends Float32Array | Float64Array>(entry: TensorEntry, bytes: Uint8Array, out: T): T {
  if (!isDtype(entry.dtype))
    throw new InputError(`dtype ${entry.dtype} is not a safetensors dtype`, {
      file: entry.file,
      field: `tensor ${entry.name}`,
    })
  try {
    decodeInto(entry.dtype, bytes, out)
  } catch (error) {
    if (error instanceof DecodeRangeError)
      throw new InputError(`${entry.dtype} ${error.message}`, {file: entry.file, field: `tensor ${entry.name}`})
    throw error
  }
  return out
}

/** All tensors of the shards (or those named by the index's weight_map), each name once. */
function collectTensors(
  layout: CheckpointLayout,
  headers: readonly {file: string; header: ParsedHeader}[],
): SafetensorsEntry[] {
  const byName = new Map<string, SafetensorsEntry>()
  for (const {file, header} of headers) {
    for (const t of header.tensors) {
      if (layout.weightMap && layout.weightMap.get(t.name) !== file) continue
      const other = byName.get(t.name)
      if (other) {
        throw new InputError(
          `tensor ${t.name} is also in ${basename(other.file)} (expected each tensor in one shard; a directory is read as the shards of one checkpoint)`,
          {file, field: `tensor ${t.name}`},
        )
      }
      byName.set(t.name, {
        name: t.name,
        dtype: t.dtype,
        shape: [...t.shape],
        byteLength: t.end - t.begin,
        file,
        offset: header.dataStart + t.begin,
      })
    }
  }
  for (const [name, file] of layout.weightMap ?? []) {
    if (!byName.has(name)) {
      throw new InputError(`tensor ${name}: weight_map names shard ${basename(file)}, which has no such tensor`, {
        file: layout.indexFile ?? file,
        field: 'weight_map',
      })
    }
  }
  return [...byName.values()]
}
