/**
 * Which files make up a checkpoint. Three inputs are accepted:
 * - one `.safetensors` file;
 * - a directory: its `model.safetensors.index.json` if present, else every
 *   `*.safetensors` file directly inside it (shards);
 * - a `*.safetensors.index.json` file (Hugging Face sharded layout:
 *   `{"metadata": {...}, "weight_map": {"<tensor>": "<shard file>"}}`).
 * Shard files named by an index must stay inside the index's own directory
 * (src/core/checkpoint/weight-map-index.ts, shared with the PyTorch reader).
 */
import {readdirSync, statSync, type Stats} from 'node:fs'
import {dirname, join} from 'node:path'
import {InputError} from '../errors.js'
import {compareNatural} from '../checkpoint/natural-order.js'
import type {CheckpointLayout} from '../checkpoint/checkpoint.js'
import {resolveWeightMapIndex} from '../checkpoint/weight-map-index.js'

export const INDEX_FILE = 'model.safetensors.index.json'

const EXPECTED = 'expected a .safetensors file, a directory of shards or a model.safetensors.index.json'

/** Resolves a user path into the files of a checkpoint (headers are not read here). */
export function resolveCheckpoint(path: string): CheckpointLayout {
  const stats = statOrNull(path)
  if (!stats) throw new InputError(`no such file or directory (${EXPECTED})`, {file: path})
  if (stats.isDirectory()) return resolveDirectory(path)
  if (!stats.isFile()) throw new InputError(`not a regular file (${EXPECTED})`, {file: path})
  if (path.endsWith('.json')) return resolveIndex(path)
  return {kind: 'file', root: dirname(path), files: [path]}
}

function statOrNull(path: string): Stats | undefined {
  try {
    return statSync(path)
  } catch {
    return undefined
  }
}

function resolveDirectory(dir: string): CheckpointLayout {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch (error) {
    throw new InputError(`cannot list directory (${(error as NodeJS.ErrnoException).code ?? 'error'})`, {file: dir})
  }
  if (names.includes(INDEX_FILE)) return {...resolveIndex(join(dir, INDEX_FILE)), kind: 'directory'}
  const files = names
    .filter((n) => n.endsWith('.safetensors') && statOrNull(join(dir, n))?.isFile())
    .sort(compareNatural)
    .map((n) => join(dir, n))
  if (files.length === 0)
    throw new InputError(`directory holds no .safetensors files and no ${INDEX_FILE}`, {file: dir})
  return {kind: 'directory', root: dir, files}
}

function resolveIndex(indexFile: string): CheckpointLayout {
  return resolveWeightMapIndex(indexFile, {what: 'safetensors index', fileName: INDEX_FILE})
}
