/**
 * The inventory of a checkpoint (the `infolens.checkpoint/1` result): the format it was
 * read as, every tensor's name, dtype (the format's own type name: `BF16`, `Q4_K`,
 * `U8_AFFINE`), shape, parameter count, bytes and shard, plus totals by dtype and the
 * quantized types present. Built from the headers alone; no tensor data is read.
 */
import {relative} from 'node:path'
import type {Checkpoint, CheckpointFormat} from './checkpoint.js'
import {isQuantizedDtype} from './float-dtypes.js'

export interface TensorRow {
  name: string
  dtype: string
  shape: number[]
  parameters: number
  bytes: number
  /** The shard file, relative to the checkpoint's directory. */
  shard: string
}

export interface CheckpointInventory {
  format: CheckpointFormat
  source: {path: string; kind: 'file' | 'directory' | 'index'; index: string | null}
  files: {path: string; bytes: number; headerBytes: number; tensors: number}[]
  metadata: Record<string, string>
  filter: string | null
  tensors: TensorRow[]
  totals: {
    tensors: number
    parameters: number
    bytes: number
    files: number
    parametersByDtype: Record<string, number>
    bytesByDtype: Record<string, number>
    /** The block-quantized or affine types among the dtypes (`Q4_K`, `Q6_K`, `U8_AFFINE`), in order of first use. */
    quantizedDtypes: string[]
  }
}

/** Lists the checkpoint's tensors (those whose name matches `filter`, if given) and their totals. */
export function inventoryCheckpoint(checkpoint: Checkpoint, path: string, filter?: RegExp): CheckpointInventory {
  const {layout} = checkpoint
  const shardName = (file: string) => relative(layout.root, file)
  const tensors = checkpoint.tensors
    .filter((t) => filter === undefined || filter.test(t.name))
    .map((t) => ({
      name: t.name,
      dtype: t.dtype,
      shape: [...t.shape],
      parameters: t.shape.reduce((p, d) => p * d, 1),
      bytes: t.byteLength,
      shard: shardName(t.file),
    }))
  const parametersByDtype: Record<string, number> = {}
  const bytesByDtype: Record<string, number> = {}
  for (const t of tensors) {
    parametersByDtype[t.dtype] = (parametersByDtype[t.dtype] ?? 0) + t.parameters
    bytesByDtype[t.dtype] = (bytesByDtype[t.dtype] ?? 0) + t.bytes
  }
  return {
    format: checkpoint.format,
    source: {path, kind: layout.kind, index: layout.indexFile ?? null},
    files: checkpoint.shards.map((s) => ({
      path: s.path,
      bytes: s.bytes,
      headerBytes: s.headerBytes,
      tensors: s.tensorCount,
    })),
    metadata: checkpoint.metadata,
    filter: filter?.source ?? null,
    tensors,
    totals: {
      tensors: tensors.length,
      parameters: tensors.reduce((a, t) => a + t.parameters, 0),
      bytes: tensors.reduce((a, t) => a + t.bytes, 0),
      files: checkpoint.files.length,
      parametersByDtype,
      bytesByDtype,
      quantizedDtypes: Object.keys(parametersByDtype).filter(isQuantizedDtype),
    },
  }
}
