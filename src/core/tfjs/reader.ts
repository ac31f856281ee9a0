/**
 * A TF.js model (model.json or a bare weights manifest, with its binary shards) as
 * a checkpoint. Opening reads the manifest, sizes the shards and places every
 * weight in its group's concatenated shard stream (weight-layout.ts); each weight
 * is then read on demand from its pieces and decoded: float32, int32 and bool as
 * stored, float16-quantized through the binary16 table, uint8/uint16-quantized as
 * TF.js dequantizes them (dequantize.ts). Tensors keep TF.js's layout: a Dense
 * kernel is (in, out) and a Conv2D filter (height, width, in, out).
 */
import type {FileHandle} from 'node:fs/promises'
import {dirname} from 'node:path'
import {InputError} from '../errors.js'
import {compareNatural} from '../checkpoint/natural-order.js'
import {type Checkpoint, type CheckpointLayout, elementCount, type TensorEntry} from '../checkpoint/checkpoint.js'
import {decodeInto, type Dtype, isDtype} from '../safetensors/dtypes.js'
import {readPieces} from './group-stream.js'
import {readManifest} from './manifest.js'
import {layOutWeights, type PlacedWeight, resolveShards} from './weight-layout.js'
import {dequantizeAffine, dequantizeAffineInt32} from './dequantize.js'
import {openForReading} from '../checkpoint/read-range.js'

/** Opens `manifestFile`; `kind` says how the user named it (the file or its directory). */
export async function openTfjs(manifestFile: string, kind: 'directory' | 'index'): Promise<Checkpoint> {
  const manifest = readManifest(manifestFile)
  const shards = resolveShards(manifest)
  const handles = new Map<string, FileHandle>()
  try {
    for (const {file} of shards.flat()) if (!handles.has(file)) handles.set(file, await openForReading(file))
    const placed = await layOutWeights(manifest, shards, handles)
    const layout: CheckpointLayout = {
      kind,
      root: dirname(manifestFile),
      files: [...handles.keys()].sort(compareNatural),
      indexFile: manifestFile,
    }
    const sizes = new Map(shards.flat().map((s) => [s.file, s.bytes]))
    return new TfjsModel(layout, manifest.metadata, placed, handles, sizes)
  } catch (error) {
    await Promise.all([...handles.values()].map((h) => h.close()))
    throw error
  }
}

const littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

class TfjsModel implements Checkpoint {
  readonly format = 'tfjs' as const
  readonly files: string[]
  readonly shards
  readonly tensors: TensorEntry[]
  private readonly placements = new Map<TensorEntry, PlacedWeight>()

  constructor(
    readonly layout: CheckpointLayout,
    readonly metadata: Record<string, string>,
    placed: readonly PlacedWeight[],
    private readonly handles: Map<string, FileHandle>,
    sizes: ReadonlyMap<string, number>,
  ) {
    this.files = [...layout.files]
    for (const p of placed) this.placements.set(p.entry, p)
    this.tensors = placed.map((p) => p.entry).sort((a, b) => compareNatural(a.name, b.name))
    this.shards = this.files.map((path) => ({
      path,
      bytes: sizes.get(path) ?? 0,
      headerBytes: 0,
      tensorCount: placed.filter((p) => p.pieces.some((piece) => piece.file === path)).length,
    }))
  }

  async readBytes(entry: TensorEntry): Promise<Uint8Array> {
    const p = this.placements.get(entry)
    if (!p || this.handles.size === 0)
      throw new InputError('weight does not belong to this model (or it was closed)', {
        file: entry.file,
        field: `weight ${entry.name}`,
      })
    return readPieces(this.handles, p.pieces, entry.byteLength, `weight ${entry.name}`)
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
    const q = this.placements.get(entry)!.spec.quantization
    const n = out.length
    if (entry.dtype.startsWith('U8_AFFINE') || entry.dtype.startsWith('U16_AFFINE')) {
      const codes = entry.dtype.startsWith('U8') ? bytes : new Uint16Array(bytes.buffer, bytes.byteOffset, n)
      if (entry.dtype.endsWith('_I32')) dequantizeAffineInt32(codes, q!.scale!, q!.min!, out)
      else dequantizeAffine(codes, q!.scale!, q!.min!, out)
      return out
    }
    if (!isDtype(entry.dtype)) {
      throw new InputError(`dtype ${entry.dtype} cannot be decoded to real values (not supported)`, {
        file: entry.file,
        field: `weight ${entry.name}`,
      })
    }
    decodeInto(entry.dtype as Dtype, bytes, out)
    return out
  }

  async close(): Promise<void> {
    const handles = [...this.handles.values()]
    this.handles.clear()
    await Promise.all(handles.map((h) => h.close()))
  }
}
