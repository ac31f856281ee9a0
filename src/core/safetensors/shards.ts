/**
 * Which files make up a checkpoint. Three inputs are accepted:
 * - one `.safetensors` file;
 * - a directory: its `model.safetensors.index.json` if present, else every
 *   `*.safetensors` file directly inside it (shards);
 * - a `*.safetensors.index.json` file (Hugging Face sharded layout:
 *   `{"metadata": {...}, "weight_map": {"<tensor>": "<shard file>"}}`).
 * Shard files named by an index must stay inside the index's own directory: an
 * index is data, and must not make infolens read arbitrary files.
 */
import {readdirSync, readFileSync, realpathSync, statSync, type Stats} from 'node:fs'
import {basename, dirname, isAbsolute, join, relative, resolve, sep} from 'node:path'
import {InputError} from '../errors.js'
import {compareNatural} from '../checkpoint/natural-order.js'
import type {CheckpointLayout} from '../checkpoint/checkpoint.js'

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
  const dir = dirname(indexFile)
  const weightMapJson = readWeightMap(indexFile)
  const weightMap = new Map<string, string>()
  const files = new Set<string>()
  for (const [tensor, shard] of Object.entries(weightMapJson)) {
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
    if (!statOrNull(f)?.isFile())
      throw new InputError(`shard ${basename(f)} named in weight_map does not exist`, {
        file: indexFile,
        field: 'weight_map',
      })
  }
  return {kind: 'index', root: dir, files: [...files].sort(compareNatural), weightMap, indexFile}
}

function readWeightMap(indexFile: string): Record<string, unknown> {
  let json: unknown
  try {
    json = JSON.parse(readFileSync(indexFile, 'utf8'))
  } catch (error) {
    throw new InputError(`not valid JSON (${(error as Error).message})`, {file: indexFile})
  }
  const isIndex = json !== null && typeof json === 'object' && !Array.isArray(json) && 'weight_map' in json
  if (!isIndex) {
    // some other JSON file (a report, a config): say what was expected, not which field is missing
    throw new InputError(
      'not a safetensors index (expected a model.safetensors.index.json with a "weight_map" object)',
      {file: indexFile},
    )
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
