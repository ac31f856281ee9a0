/**
 * The PyTorch checkpoint behind the common Checkpoint interface. Opening reads each
 * shard's zip directory and pickle (never a storage); a tensor's values are read on
 * demand: only the storage elements its view spans, with one positioned read, then
 * gathered into row-major order when the view is not contiguous (a transposed weight
 * saved as-is) and decoded to float32/float64 exactly as the safetensors reader does.
 */
import {basename} from 'node:path'
import {InputError} from '../errors.js'
import type {Checkpoint, CheckpointLayout, ShardInfo, TensorEntry} from '../checkpoint/checkpoint.js'
import {compareNatural} from '../checkpoint/natural-order.js'
import {DecodeRangeError, decodeInto} from '../safetensors/dtypes.js'
import {gatherRowMajor} from './strided-view.js'
import {openTorchArchive, type TensorPlacement, type TorchArchive} from './torch-archive.js'

export async function openPytorch(layout: CheckpointLayout): Promise<Checkpoint> {
  const archives = new Map<string, TorchArchive>()
  try {
    for (const file of layout.files) archives.set(file, await openTorchArchive(file))
    return new PytorchFiles(layout, archives)
  } catch (error) {
    await Promise.all([...archives.values()].map((a) => a.zip.close()))
    throw error
  }
}

class PytorchFiles implements Checkpoint {
  readonly format = 'pytorch' as const
  readonly files: string[]
  readonly shards: readonly ShardInfo[]
  readonly metadata: Record<string, string>
  readonly tensors: TensorEntry[]
  private readonly placements = new Map<TensorEntry, TensorPlacement>()

  constructor(
    readonly layout: CheckpointLayout,
    private readonly archives: Map<string, TorchArchive>,
  ) {
    this.files = [...layout.files]
    this.shards = [...archives].map(([file, a]) => ({
      path: file,
      bytes: a.zip.size,
      headerBytes: a.zip.size - a.storageBytes,
      tensorCount: a.tensors.length,
    }))
    this.metadata = describeLeaves(archives.values())
    this.tensors = this.collectTensors().sort((a, b) => compareNatural(a.name, b.name))
  }

  async readFloat32(entry: TensorEntry): Promise<Float32Array> {
    const {placement, bytes} = await this.rowMajorBytes(entry)
    // stored as float32 on a little-endian host: the fresh (8-aligned) buffer is the answer, no copy
    if (placement.dtype === 'F32' && littleEndianHost) return new Float32Array(bytes.buffer, 0, placement.count)
    return decode(entry, placement, bytes, new Float32Array(placement.count))
  }

  async readFloat64(entry: TensorEntry): Promise<Float64Array> {
    const {placement, bytes} = await this.rowMajorBytes(entry)
    if (placement.dtype === 'F64' && littleEndianHost) return new Float64Array(bytes.buffer, 0, placement.count)
    return decode(entry, placement, bytes, new Float64Array(placement.count))
  }

  async close(): Promise<void> {
    const archives = [...this.archives.values()]
    this.archives.clear()
    await Promise.all(archives.map((a) => a.zip.close()))
  }

  private async rowMajorBytes(entry: TensorEntry): Promise<{placement: TensorPlacement; bytes: Uint8Array}> {
    const placement = this.placements.get(entry)
    const archive = this.archives.get(entry.file)
    if (!placement || !archive)
      throw new InputError('tensor does not belong to this checkpoint (or it was closed)', {
        file: entry.file,
        field: `tensor ${entry.name}`,
      })
    const bytes = placement.count === 0 ? new Uint8Array(0) : await readRowMajor(archive, placement)
    return {placement, bytes}
  }

  /** Every tensor of the shards (or those the index's weight_map assigns to each), each name once. */
  private collectTensors(): TensorEntry[] {
    const {weightMap, indexFile} = this.layout
    const byName = new Map<string, TensorEntry>()
    for (const [file, archive] of this.archives) {
      for (const p of archive.tensors) {
        if (weightMap && weightMap.get(p.name) !== file) continue
        const other = byName.get(p.name)
        if (other)
          throw new InputError(
            `tensor ${p.name} is also in ${basename(other.file)} (expected each tensor in one shard)`,
            {
              file,
              field: `tensor ${p.name}`,
            },
          )
        const entry = toEntry(file, p, archive)
        byName.set(p.name, entry)
        this.placements.set(entry, p)
      }
    }
    for (const [name, file] of weightMap ?? [])
      if (!byName.has(name))
        throw new InputError(`tensor ${name}: weight_map names shard ${basename(file)}, which has no such tensor`, {
          file: indexFile ?? file,
          field: 'weight_map',
        })
    return [...byName.values()]
  }
}

const littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

/** The entry the rest of infolens sees: offset = where the view's first element is stored. */
function toEntry(file: string, p: TensorPlacement, archive: TorchArchive): TensorEntry {
  const storageStart = archive.storageStarts.get(p.storage.name) ?? 0
  return {
    name: p.name,
    dtype: p.dtype,
    shape: [...p.shape],
    byteLength: p.count * p.itemSize,
    file,
    offset: storageStart + p.span.first * p.itemSize,
  }
}

function decode<T extends Float32Array | Float64Array>(
  entry: TensorEntry,
  placement: TensorPlacement,
  bytes: Uint8Array,
  out: T,
): T {
  try {
    decodeInto(placement.dtype, bytes, out)
  } catch (error) {
    if (error instanceof DecodeRangeError)
      throw new InputError(`${placement.dtype} ${error.message}`, {file: entry.file, field: `tensor ${entry.name}`})
    throw error
  }
  return out
}

/** The view's elements as row-major bytes: the spanned storage bytes, gathered when the view is strided. */
async function readRowMajor(archive: TorchArchive, p: TensorPlacement): Promise<Uint8Array> {
  const spanned = await archive.zip.readStored(
    p.storage,
    p.span.first * p.itemSize,
    (p.span.end - p.span.first) * p.itemSize,
  )
  if (p.rowMajor) return spanned
  const packed = new Uint8Array(p.count * p.itemSize)
  gatherRowMajor(spanned, packed, p.shape, p.stride, p.itemSize)
  return packed
}

/** Non-tensor leaves of the pickles as counts by Python type (`non_tensor_leaves`: "number 2, str 1"). */
function describeLeaves(archives: Iterable<TorchArchive>): Record<string, string> {
  const counts = new Map<string, number>()
  for (const a of archives) for (const [type, n] of a.otherLeaves) counts.set(type, (counts.get(type) ?? 0) + n)
  if (counts.size === 0) return {}
  const total = [...counts.values()].reduce((s, n) => s + n, 0)
  const parts = [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([type, n]) => `${type} ${n}`)
  return {non_tensor_leaves: `${total} (${parts.join(', ')})`}
}
