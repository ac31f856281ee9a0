/**
 * Writes a safetensors checkpoint whose tensors are produced one at a time (`checkpoint convert`): the
 * header is laid out first from the tensors' dtypes and shapes alone (safetensors needs every offset up
 * front), then each tensor is asked for, written and dropped, so at most one tensor is in memory. With a
 * shard limit the tensors are cut into consecutive shards (`<prefix>-0000k-of-0000n.safetensors`) plus
 * `<prefix>.safetensors.index.json`, as `save_pretrained(max_shard_size=…)` does. Every file is written to
 * a temporary path and all of them are renamed only after the last tensor was written, so a failure at
 * any point (a tensor that cannot be decoded, a full disk, a signal) leaves no output at all.
 */
import {closeSync, openSync} from 'node:fs'
import {basename, dirname, join} from 'node:path'
import {abandonTempPath, commitTempPath, reserveTempPath, writeFully} from '../io/atomic-write.js'
import {classifyWriteError} from '../io/output-paths.js'
import {type Dtype, dtypeSize} from './dtypes.js'
import {shardFileName} from './sharded-writer.js'
import {safetensorsHeader} from './writer.js'

export interface TensorSlot {
  readonly name: string
  readonly dtype: Dtype
  readonly shape: readonly number[]
}

export interface StreamingWriteOptions {
  readonly metadata?: Record<string, string>
  /** Largest shard in tensor bytes; a tensor larger than this gets a shard of its own. Undefined: one file. */
  readonly maxShardBytes?: number
}

export interface StreamingWriteResult {
  /** The files written (one, or the shards in order). */
  readonly files: readonly string[]
  /** The index file when the output was sharded, else null. */
  readonly indexFile: string | null
  readonly tensorBytes: number
}

/** Produces tensor `index`'s little-endian element bytes (exactly its byte length). */
export type TensorBytes = (index: number) => Promise<Uint8Array>

const byteLength = (t: TensorSlot) => t.shape.reduce((p, d) => p * d, 1) * dtypeSize(t.dtype)

/** Consecutive groups of tensor positions, each at most `maxBytes` (unless one tensor alone is larger). */
export function groupBySize(slots: readonly TensorSlot[], maxBytes: number | undefined): number[][] {
  const groups: number[][] = [[]]
  let size = 0
  slots.forEach((slot, i) => {
    const bytes = byteLength(slot)
    if (maxBytes !== undefined && groups.at(-1)!.length > 0 && size + bytes > maxBytes) {
      groups.push([])
      size = 0
    }
    groups.at(-1)!.push(i)
    size += bytes
  })
  return groups
}

/** Writes `slots` to `target` (or its shards), pulling each tensor's bytes from `produce` in order. */
export async function writeSafetensorsStreaming(
  target: string,
  slots: readonly TensorSlot[],
  produce: TensorBytes,
  options: StreamingWriteOptions = {},
): Promise<StreamingWriteResult> {
  const groups = groupBySize(slots, options.maxShardBytes)
  const prefix = basename(target).replace(/\.safetensors$/, '')
  const paths =
    groups.length === 1
      ? [target]
      : groups.map((_, k) => join(dirname(target), shardFileName(prefix, k + 1, groups.length)))
  const indexFile = groups.length === 1 ? null : join(dirname(target), `${prefix}.safetensors.index.json`)
  const temps = [...paths, ...(indexFile ? [indexFile] : [])].map((p) => reserveTempPath(p))
  try {
    for (const [k, group] of groups.entries()) await writeShard(temps[k], paths[k], group, slots, produce, options)
    if (indexFile) writeIndex(temps.at(-1)!, indexFile, groups, slots, paths)
    temps.forEach((temp, i) => commitTempPath(temp, i < paths.length ? paths[i] : indexFile!))
  } catch (error) {
    for (const temp of temps) abandonTempPath(temp)
    throw error
  }
  return {files: paths, indexFile, tensorBytes: slots.reduce((a, s) => a + byteLength(s), 0)}
}

async function writeShard(
  temp: string,
  target: string,
  group: readonly number[],
  slots: readonly TensorSlot[],
  produce: TensorBytes,
  options: StreamingWriteOptions,
): Promise<void> {
  const header = safetensorsHeader(
    group.map((i) => slots[i]),
    options.metadata,
  )
  const fd = openFor(temp, target)
  try {
    writeFully(fd, header)
    for (const i of group) {
      const bytes = await produce(i)
      if (bytes.length !== byteLength(slots[i]))
        throw new Error(`tensor ${slots[i].name}: produced ${bytes.length} bytes, expected ${byteLength(slots[i])}`)
      writeFully(fd, bytes)
    }
  } finally {
    closeSync(fd)
  }
}

function openFor(temp: string, target: string): number {
  try {
    return openSync(temp, 'w')
  } catch (error) {
    return classifyWriteError(error, target)
  }
}

function writeIndex(
  temp: string,
  indexFile: string,
  groups: readonly number[][],
  slots: readonly TensorSlot[],
  paths: readonly string[],
): void {
  const weightMap: Record<string, string> = {}
  groups.forEach((group, k) => group.forEach((i) => (weightMap[slots[i].name] = basename(paths[k]))))
  const totalSize = slots.reduce((a, s) => a + byteLength(s), 0)
  const fd = openFor(temp, indexFile)
  try {
    writeFully(
      fd,
      Buffer.from(JSON.stringify({metadata: {total_size: totalSize}, weight_map: weightMap}, null, 2) + '\n'),
    )
  } finally {
    closeSync(fd)
  }
}
