/**
 * Which files make up a PyTorch checkpoint. Accepted:
 * - one `.bin`/`.pt`/`.pth` file (a torch.save zip archive);
 * - a directory: its `pytorch_model.bin.index.json` if present, else its
 *   `pytorch_model.bin` or the complete set `pytorch_model-0000N-of-0000M.bin`;
 * - a `*.bin.index.json` file (the Hugging Face sharded layout), whose shards must
 *   stay inside its directory (src/core/checkpoint/weight-map-index.ts).
 * Other `.bin` files in a model directory (`training_args.bin`, optimizer states)
 * are not weights and are not read.
 */
import {statSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {InputError} from '../errors.js'
import type {CheckpointLayout} from '../checkpoint/checkpoint.js'
import {compareNatural} from '../checkpoint/natural-order.js'
import {resolveWeightMapIndex} from '../checkpoint/weight-map-index.js'

export const PYTORCH_INDEX_FILE = 'pytorch_model.bin.index.json'
const SINGLE_FILE = 'pytorch_model.bin'
const SHARD = /^pytorch_model-(\d+)-of-(\d+)\.bin$/

/** True when a directory listing holds a PyTorch checkpoint this reader would open. */
export function isPytorchDirectory(names: readonly string[]): boolean {
  return names.includes(PYTORCH_INDEX_FILE) || names.includes(SINGLE_FILE) || names.some((n) => SHARD.test(n))
}

export function resolvePytorchLayout(path: string, isDirectory: boolean, names: readonly string[]): CheckpointLayout {
  if (isDirectory) return resolveDirectory(path, names)
  if (path.endsWith('.json')) return resolveIndex(path)
  return {kind: 'file', root: dirname(path), files: [path]}
}

function resolveIndex(indexFile: string): CheckpointLayout {
  return resolveWeightMapIndex(indexFile, {what: 'PyTorch index', fileName: PYTORCH_INDEX_FILE})
}

function resolveDirectory(dir: string, names: readonly string[]): CheckpointLayout {
  if (names.includes(PYTORCH_INDEX_FILE)) return {...resolveIndex(join(dir, PYTORCH_INDEX_FILE)), kind: 'directory'}
  if (names.includes(SINGLE_FILE)) return {kind: 'directory', root: dir, files: [join(dir, SINGLE_FILE)]}
  const shards = names.filter((n) => SHARD.test(n)).sort(compareNatural)
  checkCompleteSet(dir, shards)
  return {kind: 'directory', root: dir, files: shards.map((n) => join(dir, n))}
}

/** Shards `-0000N-of-0000M` must be 1…M, each once, all with the same M: a missing shard is a missing layer. */
function checkCompleteSet(dir: string, shards: readonly string[]): void {
  const numbers = shards.map((n) => SHARD.exec(n)!.slice(1, 3).map(Number))
  const total = numbers[0]?.[1] ?? 0
  const present = new Set(numbers.filter(([, of]) => of === total).map(([n]) => n))
  const complete = numbers.length === total && present.size === total && [...present].every((n) => n >= 1 && n <= total)
  if (!complete || !shards.every((n) => isFile(join(dir, n))))
    throw new InputError(
      `shards ${shards.join(', ')} are not a complete set pytorch_model-1…M-of-M.bin (expected all M shards, or a ${PYTORCH_INDEX_FILE})`,
      {file: dir},
    )
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}
