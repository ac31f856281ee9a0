/**
 * The Hugging Face sharded-checkpoint index, shared by the formats that use it
 * (`model.safetensors.index.json`, `pytorch_model.bin.index.json`):
 * `{"metadata": {...}, "weight_map": {"<tensor>": "<shard file>"}}`.
 * Shard files named by an index must stay inside the index's own directory (no
 * absolute path, no `..`, no symlink leading out): an index is data, and must not make
 * infolens read arbitrary files.
 */
import {readFileSync, realpathSync, statSync} from 'node:fs'
import {basename, dirname, isAbsolute, join, relative, resolve, sep} from 'node:path'
import {InputError} from '../errors.js'
import type {CheckpointLayout} from './checkpoint.js'
import {compareNatural} from './natural-order.js'

export interface IndexKind {
  /** What the index is called in messages ("safetensors index"). */
  readonly what: string
  /** Its conventional file name ("model.safetensors.index.json"). */
  readonly fileName: string
}

/** Reads an index into a layout whose files are the shards it names (existence checked, headers not read). */
export function resolveWeightMapIndex(indexFile: string, kind: IndexKind): CheckpointLayout {
  const dir = dirname(indexFile)
  const weightMap = new Map<string, string>()
  const files = new Set<string>()
  for (const [tensor, shard] of Object.entries(readWeightMap(indexFile, kind))) {
    if (typeof shard !== 'string' || shard === '') {
      throw new InputError(`tensor ${tensor}: expected a shard file name, got ${JSON.stringify(shard)}`, {
        file: indexFile,
        field: 'weight_map',
      })
    }
    const shardPath = shardInside(indexFile, dir, tensor, shard)
    weightMap.set(tensor, shardPath)
    files.add(shardPath)
  }
  if (files.size === 0) throw new InputError('expected at least one tensor', {file: indexFile, field: 'weight_map'})
  for (const f of files) {
    if (!isFile(f))
      throw new InputError(`shard ${basename(f)} named in weight_map does not exist`, {
        file: indexFile,
        field: 'weight_map',
      })
  }
  return {kind: 'index', root: dir, files: [...files].sort(compareNatural), weightMap, indexFile}
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}

function readWeightMap(indexFile: string, kind: IndexKind): Record<string, unknown> {
  let json: unknown
  try {
    json = JSON.parse(readFileSync(indexFile, 'utf8'))
  } catch (error) {
    throw new InputError(`not valid JSON (${(error as Error).message})`, {file: indexFile})
  }
  const isIndex = json !== null && typeof json === 'object' && !Array.isArray(json) && 'weight_map' in json
  if (!isIndex) {
    // some other JSON file (a report, a config): say what was expected, not which field is missing
    throw new InputError(`not a ${kind.what} (expected a ${kind.fileName} with a "weight_map" object)`, {
      file: indexFile,
    })
  }
  const weightMap = (json as {weight_map?: unknown}).weight_map
  if (weightMap === null || typeof weightMap !== 'object' || Array.isArray(weightMap)) {
    throw new InputError('expected an object mapping tensor names to shard files', {
      file: indexFile,
      field: 'weight_map',
    })
  }
  return weightMap as Record<string, unknown>
}

/** The shard's path, refusing names that leave the index's directory (absolute, `..`, or via symlinks). */
function shardInside(indexFile: string, dir: string, tensor: string, shard: string): string {
  const refuse = () =>
    new InputError(
      `tensor ${tensor}: shard ${JSON.stringify(shard)} is outside the index's directory (expected a file next to the index)`,
      {
        file: indexFile,
        field: 'weight_map',
      },
    )
  if (isAbsolute(shard)) throw refuse()
  const shardPath = join(dir, shard)
  if (escapes(resolve(dir), resolve(shardPath))) throw refuse()
  try {
    if (escapes(realpathSync(dir), realpathSync(shardPath))) throw refuse()
  } catch (error) {
    if (error instanceof InputError) throw error
    // A missing shard is reported by the caller with a clearer message.
  }
  return shardPath
}

function escapes(dir: string, target: string): boolean {
  const rel = relative(dir, target)
  return rel === '' || rel.split(sep)[0] === '..' || isAbsolute(rel)
}
