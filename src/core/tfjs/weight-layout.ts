/**
 * Where each weight of a TF.js manifest lies: the shards of every group are
 * resolved inside the manifest's directory and concatenated (group-stream.ts), and
 * the group's weights are laid out one after another, each taking
 * elements × bytes-per-stored-element (string weights: a u32 length before each
 * string, walked here so the weights after them can be placed). The shards must
 * hold exactly the bytes the weights need: fewer means a short or missing shard,
 * more a manifest that does not describe them.
 */
import {statSync} from 'node:fs'
import type {FileHandle} from 'node:fs/promises'
import {basename, dirname} from 'node:path'
import {InputError} from '../errors.js'
import {elementCount, type TensorEntry} from '../checkpoint/checkpoint.js'
import {pathInside} from '../checkpoint/contained-path.js'
import {GroupStream, type Piece, type Shard} from './group-stream.js'
import type {TfjsManifest, WeightSpec} from './manifest.js'
import {storedDtype, storedElementBytes} from './weight-dtypes.js'

export interface PlacedWeight {
  readonly spec: WeightSpec
  readonly entry: TensorEntry
  readonly pieces: readonly Piece[]
}

/** Every group's shard files, resolved and sized (no data read). */
export function resolveShards(manifest: TfjsManifest): Shard[][] {
  const dir = dirname(manifest.file)
  return manifest.groups.map((group, g) =>
    group.paths.map((name) => {
      const fail = (message: string) =>
        new InputError(message, {file: manifest.file, field: `weightsManifest[${g}].paths`})
      const file = pathInside(dir, name)
      if (!file)
        throw fail(`shard ${JSON.stringify(name)} is outside the manifest's directory (expected a file next to it)`)
      const bytes = fileSize(file)
      if (bytes === undefined) throw fail(`shard ${JSON.stringify(name)} does not exist`)
      return {file, bytes}
    }),
  )
}

/** Places every weight in its group's stream; reads only the length prefixes of string weights. */
export async function layOutWeights(
  manifest: TfjsManifest,
  shards: readonly Shard[][],
  handles: ReadonlyMap<string, FileHandle>,
): Promise<PlacedWeight[]> {
  const placed: PlacedWeight[] = []
  for (const [g, group] of manifest.groups.entries()) {
    const stream = new GroupStream(shards[g])
    let position = 0
    for (const spec of group.weights) {
      const field = `weight ${spec.name}`
      const length = await weightBytes(spec, stream, position, handles, () => shortShards(manifest, g, stream, field))
      if (position + length > stream.totalBytes) throw shortShards(manifest, g, stream, field, position + length)
      const pieces = stream.piecesOf(position, length)
      const first = pieces[0] ?? {file: shards[g][shards[g].length - 1].file, offset: 0}
      const dtype = storedDtype(spec.dtype, spec.quantization?.dtype)
      placed.push({
        spec,
        pieces,
        entry: {
          name: spec.name,
          dtype,
          shape: [...spec.shape],
          byteLength: length,
          file: first.file,
          offset: first.offset,
        },
      })
      position += length
    }
    if (position !== stream.totalBytes) {
      throw new InputError(
        `shards hold ${stream.totalBytes} bytes, but the weights take ${position} (expected the shards to match the manifest)`,
        {file: manifest.file, field: `weightsManifest[${g}].paths`},
      )
    }
  }
  return placed
}

function shortShards(manifest: TfjsManifest, g: number, stream: GroupStream, field: string, needed?: number) {
  const names = stream.shards.map((s) => basename(s.file)).join(', ')
  return new InputError(
    `needs ${needed === undefined ? 'more' : `${needed}`} bytes of group ${g}, but its shards (${names}) hold ${stream.totalBytes} (a shard is short or missing?)`,
    {file: manifest.file, field},
  )
}

/** A weight's stored size; for strings, walks the u32 length prefixes (tfjs-core getWeightBytelength). */
async function weightBytes(
  spec: WeightSpec,
  stream: GroupStream,
  start: number,
  handles: ReadonlyMap<string, FileHandle>,
  short: () => InputError,
): Promise<number> {
  const count = elementCount(spec)
  const size = storedElementBytes(spec.dtype, spec.quantization?.dtype)
  if (size > 0) return count * size
  const CHUNK = 1 << 16
  let chunk: Uint8Array = new Uint8Array(0)
  let chunkStart = start
  let position = start
  for (let i = 0; i < count; i++) {
    if (position + 4 > chunkStart + chunk.length) {
      if (position + 4 > stream.totalBytes) throw short()
      chunkStart = position
      chunk = await stream.read(handles, position, Math.min(CHUNK, stream.totalBytes - position), `weight ${spec.name}`)
    }
    const at = position - chunkStart
    const length = new DataView(chunk.buffer, chunk.byteOffset + at, 4).getUint32(0, true)
    position += 4 + length
  }
  return position - start
}

function fileSize(file: string): number | undefined {
  try {
    const stats = statSync(file)
    return stats.isFile() ? stats.size : undefined
  } catch {
    return undefined
  }
}
