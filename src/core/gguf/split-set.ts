/**
 * Which files make up a GGUF checkpoint: one `.gguf` file, or the parts of a split set
 * written by llama.cpp's gguf-split, `NAME-0000k-of-0000M.gguf` for k = 1…M. The user
 * may name any part or the directory; every part must be present, and each part's
 * `split.no` (0-based) and `split.count` metadata must agree with its file name, so a
 * part copied in from another set is refused rather than read as this model's tensors.
 */
import {statSync} from 'node:fs'
import {basename, dirname, join} from 'node:path'
import {InputError} from '../errors.js'
import type {CheckpointLayout} from '../checkpoint/checkpoint.js'
import type {MetadataValue} from './metadata-value.js'

const SPLIT_NAME = /^(.*)-(\d{5})-of-(\d{5})\.gguf$/

interface SplitName {
  readonly prefix: string
  readonly part: number
  readonly count: number
}

function splitName(name: string): SplitName | undefined {
  const m = SPLIT_NAME.exec(name)
  return m ? {prefix: m[1], part: Number(m[2]), count: Number(m[3])} : undefined
}

const partName = (prefix: string, k: number, count: number) =>
  `${prefix}-${String(k).padStart(5, '0')}-of-${String(count).padStart(5, '0')}.gguf`

const isFile = (path: string) => {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}

/** The parts of the set `file` belongs to (just `file` when it is not a part). */
function partsOf(file: string, given: string): string[] {
  const split = splitName(basename(file))
  if (!split || split.count <= 1) return [file]
  if (split.part < 1 || split.part > split.count)
    throw new InputError(`part ${split.part} of ${split.count} is not a valid split part number`, {file})
  const dir = dirname(file)
  const parts = Array.from({length: split.count}, (_, i) => join(dir, partName(split.prefix, i + 1, split.count)))
  const missing = parts.filter((p) => !isFile(p)).map((p) => basename(p))
  if (missing.length > 0)
    throw new InputError(
      `split part${missing.length > 1 ? 's' : ''} ${missing.join(', ')} missing (expected all ${split.count} parts of the set)`,
      {file: given, field: 'split'},
    )
  return parts
}

/** The layout of a `.gguf` file (or part), or of a directory holding one model's GGUF file(s). */
export function resolveGgufLayout(path: string, isDirectory: boolean, names: readonly string[]): CheckpointLayout {
  if (!isDirectory) return {kind: 'file', root: dirname(path), files: partsOf(path, path)}
  const ggufs = names.filter((n) => n.endsWith('.gguf') && isFile(join(path, n))).sort()
  const models = new Set(
    ggufs.map((n) => {
      const s = splitName(n)
      return s && s.count > 1 ? `${s.prefix}-*-of-${s.count}` : n
    }),
  )
  if (models.size !== 1)
    throw new InputError(
      models.size === 0
        ? 'directory holds no .gguf files'
        : `directory holds ${models.size} GGUF models (${[...models].join(', ')}); expected one (pass its file)`,
      {file: path},
    )
  return {kind: 'directory', root: path, files: partsOf(join(path, ggufs[0]), path)}
}

/** Checks a part's `split.no` / `split.count` against its place in the set (both required in a set of 2+). */
export function checkSplitMetadata(
  file: string,
  metadata: ReadonlyMap<string, MetadataValue>,
  index: number,
  count: number,
): void {
  const expect = (key: string, expected: number) => {
    const value = metadata.get(key)
    if (value === undefined && count === 1) return
    if (value?.integer !== expected)
      throw new InputError(
        `${value === undefined ? 'missing' : value.text}, expected ${expected} (part ${index + 1} of ${count} by its file name)`,
        {file, field: key},
      )
  }
  expect('split.count', count)
  expect('split.no', index)
}
