/**
 * An ONNX model as a checkpoint. Opening walks the protobuf for tensor headers only
 * (model-scan.ts) and records where each tensor's bytes are: a raw_data range in
 * the model file, a range of an external data file, or the TensorProto itself when
 * the values sit in typed fields. Each tensor is then read on demand with one
 * positioned read. Tensors are handed over as ONNX stores them: a MatMul weight is
 * (in, out), the transpose of PyTorch's Linear (out, in); singular values, and so
 * the spectral metrics, do not depend on the orientation.
 */
import type {FileHandle} from 'node:fs/promises'
import {dirname} from 'node:path'
import {InputError} from '../errors.js'
import {compareNatural} from '../checkpoint/natural-order.js'
import {openForReading, readRange} from '../checkpoint/read-range.js'
import {type Checkpoint, elementCount, type ShardInfo, type TensorEntry} from '../checkpoint/checkpoint.js'
import {DecodeRangeError, decodeInto} from '../safetensors/dtypes.js'
import {FileWindow} from './file-window.js'
import {ProtobufError} from './protobuf-wire.js'
import {scanModel} from './model-scan.js'
import {placeTensors, type Placement} from './tensor-placement.js'
import {typedValuesToRaw} from './typed-values.js'

export async function openOnnx(path: string): Promise<Checkpoint> {
  const handles = new Map<string, FileHandle>()
  try {
    const model = await openForReading(path)
    handles.set(path, model)
    const {size} = await model.stat()
    const scan = asInputError(path, () => scanModel(new FileWindow(model.fd, size)))
    const placed = placeTensors(path, size, scan.tensors)
    for (const p of placed)
      if (!handles.has(p.entry.file)) handles.set(p.entry.file, await openForReading(p.entry.file))
    return new OnnxModel(path, size, scan.metadata, placed, handles)
  } catch (error) {
    await Promise.all([...handles.values()].map((h) => h.close()))
    throw error
  }
}

/** Runs `f`, turning a malformed-protobuf complaint into a one-line input error naming the file. */
function asInputError<T>(file: string, f: () => T): T {
  try {
    return f()
  } catch (error) {
    if (error instanceof ProtobufError) throw new InputError(error.message, {file, field: error.path})
    throw error
  }
}

const littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

class OnnxModel implements Checkpoint {
  readonly format = 'onnx' as const
  readonly layout
  readonly files: string[]
  readonly shards: readonly ShardInfo[]
  readonly tensors: TensorEntry[]
  private readonly placements = new Map<TensorEntry, Placement>()

  constructor(
    private readonly path: string,
    size: number,
    readonly metadata: Record<string, string>,
    placed: readonly Placement[],
    private readonly handles: Map<string, FileHandle>,
  ) {
    this.files = [...handles.keys()]
    this.layout = {kind: 'file' as const, root: dirname(path), files: this.files}
    for (const p of placed) this.placements.set(p.entry, p)
    this.tensors = placed.map((p) => p.entry).sort((a, b) => compareNatural(a.name, b.name))
    this.shards = this.files.map((file) => {
      const inFile = placed.filter((p) => p.entry.file === file)
      const dataBytes = inFile.reduce((s, p) => s + (p.kind === 'typed' ? 0 : p.entry.byteLength), 0)
      const bytes = inFile[0]?.fileBytes ?? size
      return {path: file, bytes, headerBytes: file === path ? size - dataBytes : 0, tensorCount: inFile.length}
    })
  }

  /** The tensor's values as the little-endian bytes of its dtype (typed fields re-encoded). */
  async readBytes(entry: TensorEntry): Promise<Uint8Array> {
    const p = this.placements.get(entry)
    const handle = p && this.handles.get(entry.file)
    if (!p || !handle)
      throw new InputError('tensor does not belong to this model (or it was closed)', {
        file: entry.file,
        field: `tensor ${entry.name}`,
      })
    if (p.kind !== 'typed') {
      const bytes = new Uint8Array(entry.byteLength)
      await readRange(entry.file, handle, bytes, entry.offset, `tensor ${entry.name}`)
      return bytes
    }
    const message = new Uint8Array(p.messageBytes)
    await readRange(entry.file, handle, message, entry.offset, `tensor ${entry.name}`)
    return asInputError(this.path, () =>
      typedValuesToRaw(message, p.field, entry.dtype, elementCount(entry), `tensor ${entry.name}`),
    )
  }

  async readFloat32(entry: TensorEntry): Promise<Float32Array> {
    const bytes = await this.readBytes(entry)
    // the fresh buffer already holds little-endian float32: hand it over without a copy
    if (entry.dtype === 'F32' && littleEndianHost) return new Float32Array(bytes.buffer, 0, elementCount(entry))
    return this.decode(entry, bytes, new Float32Array(elementCount(entry)))
  }

  async readFloat64(entry: TensorEntry): Promise<Float64Array> {
    const bytes = await this.readBytes(entry)
    if (entry.dtype === 'F64' && littleEndianHost) return new Float64Array(bytes.buffer, 0, elementCount(entry))
    return this.decode(entry, bytes, new Float64Array(elementCount(entry)))
  }

  private decode<T extends Float32Array | Float64Array>(entry: TensorEntry, bytes: Uint8Array, out: T): T {
    const dtype = this.placements.get(entry)?.decodable
    if (!dtype) {
      throw new InputError(`dtype ${entry.dtype} cannot be decoded to real values (not supported)`, {
        file: entry.file,
        field: `tensor ${entry.name}`,
      })
    }
    try {
      decodeInto(dtype, bytes, out)
    } catch (error) {
      if (error instanceof DecodeRangeError)
        throw new InputError(`${entry.dtype} ${error.message}`, {file: entry.file, field: `tensor ${entry.name}`})
      throw error
    }
    return out
  }

  async close(): Promise<void> {
    const handles = [...this.handles.values()]
    this.handles.clear()
    await Promise.all(handles.map((h) => h.close()))
  }
}
