/**
 * The GGUF checkpoint reader. Opening parses every part's header (never the tensor
 * data); each tensor is then read on demand with positioned reads into its own buffer
 * and dequantized to float32 in one pass, so peak memory is one tensor's stored bytes
 * plus its float32 values, whatever the file's size. Positions are JavaScript numbers,
 * exact up to 2⁵³ bytes, so files over 4 GiB work.
 *
 * Why an own parser rather than `@huggingface/gguf`: that package fetches the header
 * through HTTP range requests or whole-file reads and decodes every metadata array
 * (a 150k-entry tokenizer into JavaScript strings); infolens needs positioned reads of
 * local files, arrays counted not expanded, and an InputError naming the file and the
 * field on every defect. The format is small enough (header.ts) to own.
 */
import type {FileHandle} from 'node:fs/promises'
import {basename} from 'node:path'
import {InputError} from '../errors.js'
import {compareNatural} from '../checkpoint/natural-order.js'
import {
  type Checkpoint,
  type CheckpointLayout,
  elementCount,
  type ShardInfo,
  type TensorEntry,
} from '../checkpoint/checkpoint.js'
import {readGgufHeader, type GgufHeader} from './header.js'
import {checkSplitMetadata, resolveGgufLayout} from './split-set.js'
import {dequantizerOf} from './dequant/dequantize.js'
import {SUPPORTED_GGML_TYPES} from './ggml-types.js'
import {openForReading, readRange} from '../checkpoint/read-range.js'

/** The most bytes one positioned read asks for (Node caps a read at 2 GiB − 1). */

const littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

/** Opens a `.gguf` file, any part of a split set, or a directory holding one model's GGUF file(s). */
export async function openGguf(path: string, isDirectory: boolean, names: readonly string[]): Promise<Checkpoint> {
  const layout = resolveGgufLayout(path, isDirectory, names)
  const headers = layout.files.map((file, k) => {
    const header = readGgufHeader(file)
    checkSplitMetadata(file, header.metadata, k, layout.files.length)
    return {file, header}
  })
  const handles = new Map<string, FileHandle>()
  try {
    for (const file of layout.files) handles.set(file, await openForReading(file))
  } catch (error) {
    await Promise.all([...handles.values()].map((h) => h.close()))
    throw error
  }
  return new GgufFiles(layout, handles, headers)
}

class GgufFiles implements Checkpoint {
  readonly format = 'gguf' as const
  readonly files: string[]
  readonly shards: readonly ShardInfo[]
  readonly metadata: Record<string, string> = {}
  readonly tensors: TensorEntry[]

  constructor(
    readonly layout: CheckpointLayout,
    private readonly handles: Map<string, FileHandle>,
    headers: readonly {file: string; header: GgufHeader}[],
  ) {
    this.files = [...layout.files]
    this.shards = headers.map(({file, header}) => ({
      path: file,
      bytes: header.fileBytes,
      headerBytes: header.dataStart,
      tensorCount: header.tensors.length,
    }))
    for (const {header} of [...headers].reverse())
      for (const [key, value] of header.metadata) this.metadata[key] = value.text
    this.tensors = collectTensors(headers).sort((a, b) => compareNatural(a.name, b.name))
  }

  async readFloat32(entry: TensorEntry): Promise<Float32Array> {
    const dequantize = dequantizerOf(entry.dtype)
    if (!dequantize) throw unsupportedType(entry)
    const bytes = await this.readBytes(entry)
    const count = elementCount(entry)
    if (entry.dtype === 'F32' && littleEndianHost) return new Float32Array(bytes.buffer, 0, count)
    const out = new Float32Array(count)
    dequantize(bytes, out)
    return out
  }

  async readFloat64(entry: TensorEntry): Promise<Float64Array> {
    return Float64Array.from(await this.readFloat32(entry))
  }

  private async readBytes(entry: TensorEntry): Promise<Uint8Array> {
    const handle = this.handles.get(entry.file)
    const field = `tensor ${entry.name}`
    if (!handle)
      throw new InputError('tensor does not belong to this checkpoint (or it was closed)', {file: entry.file, field})
    const bytes = new Uint8Array(entry.byteLength)
    await readRange(entry.file, handle, bytes, entry.offset, field)
    return bytes
  }

  async close(): Promise<void> {
    const handles = [...this.handles.values()]
    this.handles.clear()
    await Promise.all(handles.map((h) => h.close()))
  }
}

/** The one-line error for a tensor of a type infolens lists but does not dequantize. */
export function unsupportedType(entry: TensorEntry): InputError {
  return new InputError(
    `GGUF type ${entry.dtype} is not supported (infolens dequantizes ${SUPPORTED_GGML_TYPES.join(', ')})`,
    {file: entry.file, field: `tensor ${entry.name}`},
  )
}

function collectTensors(headers: readonly {file: string; header: GgufHeader}[]): TensorEntry[] {
  const byName = new Map<string, TensorEntry>()
  for (const {file, header} of headers) {
    for (const t of header.tensors) {
      const other = byName.get(t.name)
      if (other)
        throw new InputError(`tensor is also in ${basename(other.file)} (expected each tensor in one part)`, {
          file,
          field: `tensor ${t.name}`,
        })
      const unsupported = dequantizerOf(t.type.name)
        ? undefined
        : `GGUF type ${t.type.name} has no dequantizer in infolens`
      byName.set(t.name, {
        name: t.name,
        dtype: t.type.name,
        shape: t.shape,
        byteLength: t.byteLength,
        file,
        offset: t.offset,
        ...(unsupported ? {unsupported} : {}),
      })
    }
  }
  return [...byName.values()]
}
