/**
 * Writes a Hugging Face style sharded checkpoint: `<prefix>-0000k-of-0000n.safetensors`
 * files plus `<prefix>.safetensors.index.json` = `{"metadata": {"total_size": bytes},
 * "weight_map": {tensor: shard}}`. Tensors keep their order and are cut into
 * consecutive groups of roughly equal byte size (as `save_pretrained(max_shard_size)` does).
 */
import {join} from 'node:path'
import {writeJsonAtomic} from '../io/atomic-write.js'
import {dtypeSize} from './dtypes.js'
import {type TensorToWrite, writeSafetensors} from './writer.js'

export interface ShardedWriteResult {
  readonly indexFile: string
  readonly shardFiles: readonly string[]
  readonly shardTensorCounts: readonly number[]
  readonly totalSize: number
}

export function shardFileName(prefix: string, k: number, n: number): string {
  const pad = (x: number) => String(x).padStart(5, '0')
  return `${prefix}-${pad(k)}-of-${pad(n)}.safetensors`
}

/** Splits tensors into at most `shardCount` consecutive groups of about equal bytes. */
export function planShards<T extends Pick<TensorToWrite, 'dtype' | 'shape'>>(
  tensors: readonly T[],
  shardCount: number,
): T[][] {
  const sizes = tensors.map((t) => t.shape.reduce((p, d) => p * d, 1) * dtypeSize(t.dtype))
  const total = sizes.reduce((a, b) => a + b, 0)
  const groups: T[][] = [[]]
  let cumulative = 0
  tensors.forEach((t, i) => {
    const target = (total * groups.length) / shardCount
    if (groups.length < shardCount && groups.at(-1)!.length > 0 && cumulative + sizes[i] / 2 > target) groups.push([])
    groups.at(-1)!.push(t)
    cumulative += sizes[i]
  })
  return groups
}

/** Writes the shards and the index into `dir` (each file atomically). */
export function writeShardedSafetensors(
  dir: string,
  tensors: readonly TensorToWrite[],
  options: {shards: number; prefix?: string; metadata?: Record<string, string>},
): ShardedWriteResult {
  const prefix = options.prefix ?? 'model'
  const groups = planShards(tensors, options.shards)
  const weightMap: Record<string, string> = {}
  const shardFiles: string[] = []
  let totalSize = 0
  groups.forEach((group, k) => {
    const name = shardFileName(prefix, k + 1, groups.length)
    writeSafetensors(join(dir, name), group, options.metadata)
    shardFiles.push(join(dir, name))
    for (const t of group) {
      weightMap[t.name] = name
      totalSize += t.shape.reduce((p, d) => p * d, 1) * dtypeSize(t.dtype)
    }
  })
  const indexFile = join(dir, `${prefix}.safetensors.index.json`)
  writeJsonAtomic(indexFile, {metadata: {total_size: totalSize}, weight_map: weightMap})
  return {indexFile, shardFiles, shardTensorCounts: groups.map((g) => g.length), totalSize}
}
