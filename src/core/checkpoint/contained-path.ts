/**
 * Files that a checkpoint's own metadata names (ONNX external data, TF.js weight
 * shards) must stay inside the checkpoint's directory: the metadata is data, and
 * must not make infolens read arbitrary files. A name is refused when it is
 * absolute, climbs out with `..`, or leads out through a symlink.
 */
import {realpathSync} from 'node:fs'
import {isAbsolute, join, relative, resolve, sep} from 'node:path'

/** The path of `name` inside `dir`, or undefined when it would leave `dir`. */
export function pathInside(dir: string, name: string): string | undefined {
  if (name === '' || isAbsolute(name)) return undefined
  const target = join(dir, name)
  if (escapes(resolve(dir), resolve(target))) return undefined
  try {
    if (escapes(realpathSync(dir), realpathSync(target))) return undefined
  } catch {
    // A missing file cannot lead anywhere; the caller reports it as missing.
  }
  return target
}

function escapes(dir: string, target: string): boolean {
  const rel = relative(dir, target)
  return rel === '' || rel.split(sep)[0] === '..' || isAbsolute(rel)
}
