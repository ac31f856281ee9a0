/**
 * Output targets checked before anything is written: an output that resolves to an input would replace
 * the user's data (`credit bin g.csv --out g.csv`), and a target that cannot be a file (an existing
 * directory, a missing parent) or a directory (an existing file, a read-only parent) would otherwise
 * fail half-way with raw errno text. Inputs are registered here so the atomic writer refuses them too,
 * whichever command or pipeline writes.
 */
import {accessSync, constants, mkdirSync, realpathSync, statSync, type Stats} from 'node:fs'
import {basename, dirname, join, resolve} from 'node:path'
import {InputError} from '../errors.js'

export interface OutputTarget {
  /** The flag or argument that named it, e.g. `--out`. */
  readonly field: string
  readonly path: string
  readonly kind: 'file' | 'dir'
}

const protectedInputs = new Map<string, string>()

/** The path with its existing part resolved through symlinks, so two spellings of one file compare equal. */
export function resolvedPath(path: string): string {
  const absolute = resolve(path)
  try {
    return realpathSync(absolute)
  } catch {
    const parent = dirname(absolute)
    return parent === absolute ? absolute : join(resolvedPath(parent), basename(absolute))
  }
}

/** Marks input files so that no output may replace them for the rest of the process. */
export function protectInputs(paths: readonly string[]): void {
  for (const p of paths) if (statOrUndefined(p)?.isFile()) protectedInputs.set(resolvedPath(p), p)
}

/** Forgets the protected inputs (in-process tests run several commands in one process). */
export function clearProtectedInputs(): void {
  protectedInputs.clear()
}

/** Throws the one-line input error when `target` is a protected input. */
export function refuseInputAsOutput(target: string, field = 'output'): void {
  const input = protectedInputs.get(resolvedPath(target))
  if (input !== undefined) throw new InputError(`expected a path other than the input ${input}`, {file: target, field})
}

/** Checks every target against the inputs, against each other and against the file system. */
export function checkOutputTargets(targets: readonly OutputTarget[], inputs: readonly string[]): void {
  protectInputs(inputs)
  const seen = new Map<string, OutputTarget>()
  for (const t of targets) {
    if (t.kind === 'file') refuseInputAsOutput(t.path, t.field)
    const key = resolvedPath(t.path)
    const other = seen.get(key)
    if (other) throw new InputError(`expected a path other than ${other.field}'s`, {file: t.path, field: t.field})
    seen.set(key, t)
    if (t.kind === 'file') checkFileTarget(t)
    else checkDirTarget(t)
  }
}

function checkFileTarget(t: OutputTarget): void {
  const fail = (expected: string) => new InputError(expected, {file: t.path, field: t.field})
  if (statOrUndefined(t.path)?.isDirectory()) throw fail('expected a file path, got an existing directory')
  const parent = dirname(resolve(t.path))
  const ps = statOrUndefined(parent)
  if (!ps) throw fail(`expected an existing directory ${parent}`)
  if (!ps.isDirectory()) throw fail(`expected a directory above the file, got the file ${parent}`)
  if (!writable(parent)) throw fail(`expected a writable directory ${parent}`)
}

function checkDirTarget(t: OutputTarget): void {
  const fail = (expected: string) => new InputError(expected, {file: t.path, field: t.field})
  // The nearest existing ancestor decides: it must be a directory we may write in (mkdir -p below it).
  let p = resolve(t.path)
  let s = statOrUndefined(p)
  while (!s && dirname(p) !== p) {
    p = dirname(p)
    s = statOrUndefined(p)
  }
  if (s && !s.isDirectory())
    throw fail(
      p === resolve(t.path) ? 'expected a directory, got an existing file' : `expected a directory, got the file ${p}`,
    )
  if (s && !writable(p)) throw fail(`expected a writable directory ${p}`)
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path)
  } catch {
    return undefined
  }
}

function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK | constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** Errno codes of a write that the user's choice of path caused, as opposed to a bug or a full disk. */
const PATH_ERRORS: Record<string, string> = {
  EISDIR: 'expected a file path, got an existing directory',
  ENOTDIR: 'expected a directory in the path, got a file',
  EACCES: 'expected a writable location (permission denied)',
  EPERM: 'expected a writable location (operation not permitted)',
  EROFS: 'expected a writable location (read-only file system)',
  ENOENT: 'expected an existing parent directory',
  ENAMETOOLONG: 'expected a shorter path',
}

/** Rethrows a write failure caused by the target path as the one-line input error naming it. */
export function classifyWriteError(error: unknown, target: string): never {
  const code = (error as NodeJS.ErrnoException)?.code
  if (code !== undefined && code in PATH_ERRORS) throw new InputError(`${PATH_ERRORS[code]} (${code})`, {file: target})
  throw error
}

/** `mkdir -p` for an output directory (--plots, --emit), its failures the one-line input error. */
export function makeOutputDir(dir: string, field: string): void {
  try {
    mkdirSync(dir, {recursive: true})
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code
    if (code === 'EEXIST') throw new InputError('expected a directory, got an existing file', {file: dir, field})
    try {
      classifyWriteError(error, dir)
    } catch (e) {
      if (e instanceof InputError) throw new InputError(e.message, {file: dir, field})
      throw e
    }
  }
}
