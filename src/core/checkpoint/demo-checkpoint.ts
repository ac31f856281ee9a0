/**
 * Writes the demo checkpoint (`infolens demo checkpoint DIR`): the same synthetic
 * model three ways, so every family has offline data and the readers' paths are
 * exercised: `model.safetensors` (F32), `model-bf16.safetensors` (BF16, rounded to
 * nearest even) and `sharded/` (F32 in 3 shards + model.safetensors.index.json).
 */
import {mkdirSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {InputError} from '../errors.js'
import {buildDemoTransformer} from './synthetic/demo-transformer.js'
import type {Dtype} from '../safetensors/dtypes.js'
import {writeShardedSafetensors} from '../safetensors/sharded-writer.js'
import {type TensorToWrite, writeSafetensors} from '../safetensors/writer.js'
import type {Static} from '@sinclair/typebox'
import type {DemoCheckpointResultSchema, DemoFileSchema} from './demo-schema.js'

export type DemoFile = Static<typeof DemoFileSchema>

export type DemoCheckpointResult = Static<typeof DemoCheckpointResultSchema>

export const DEMO_SHARDS = 3

export function writeDemoCheckpoint(dir: string, seed: number): DemoCheckpointResult {
  ensureDirectory(dir)
  ensureDirectory(join(dir, 'sharded'))
  const built = buildDemoTransformer(seed)
  const metadata = {format: 'pt', generator: 'infolens demo checkpoint', seed: String(seed)}
  const as = (dtype: Dtype): TensorToWrite[] => built.map((t) => ({name: t.name, dtype, shape: t.shape, data: t.data}))
  const files: DemoFile[] = []
  const record = (path: string, dtype: DemoFile['dtype'], tensors: number, role: DemoFile['role']) =>
    files.push({path, dtype, tensors, bytes: statSync(path).size, role})
  writeSafetensors(join(dir, 'model.safetensors'), as('F32'), metadata)
  record(join(dir, 'model.safetensors'), 'F32', built.length, 'file')
  writeSafetensors(join(dir, 'model-bf16.safetensors'), as('BF16'), metadata)
  record(join(dir, 'model-bf16.safetensors'), 'BF16', built.length, 'file')
  const sharded = writeShardedSafetensors(join(dir, 'sharded'), as('F32'), {shards: DEMO_SHARDS, metadata})
  record(sharded.indexFile, 'F32', built.length, 'index')
  sharded.shardFiles.forEach((path, k) => record(path, 'F32', sharded.shardTensorCounts[k], 'shard'))
  return {
    directory: dir,
    seed,
    tensors: built.length,
    parameters: built.reduce((a, t) => a + t.data.length, 0),
    files,
  }
}

function ensureDirectory(dir: string): void {
  try {
    mkdirSync(dir, {recursive: true})
  } catch (error) {
    throw new InputError(`cannot create output directory (${(error as NodeJS.ErrnoException).code ?? 'error'})`, {
      file: dir,
    })
  }
  if (!statSync(dir).isDirectory()) throw new InputError('expected a directory', {file: dir})
}
