/**
 * Atomic file output: every report, NetCDF file or plot is written to a temporary
 * file in the target's own directory, fsync'ed, then renamed over the target.
 * A run that fails or is killed (SIGINT/SIGTERM) leaves no partial output: the
 * temporary files still open are removed by the signal handler installed here.
 * The path `-` is stdout: the output is made in a temporary file all the same and copied to stdout only
 * once complete, so a failure half-way leaves nothing there either (core/cli/stdout-output.ts says when
 * `-` is allowed).
 */
import {closeSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {basename, dirname, join} from 'node:path'
import {randomBytes} from 'node:crypto'
import {classifyWriteError, refuseInputAsOutput} from './output-paths.js'

const pendingTemps = new Set<string>()
let handlersInstalled = false

function removePendingTemps(): void {
  for (const path of pendingTemps) rmSync(path, {force: true})
  pendingTemps.clear()
}

function installSignalHandlers(): void {
  if (handlersInstalled) return
  handlersInstalled = true
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      removePendingTemps()
      process.exit(code)
    })
  }
  process.once('exit', removePendingTemps)
}

/** Directories already swept this process: one readdir each, not one per write (cache folders hold 10^5 files). */
const sweptDirs = new Set<string>()
const TEMP_NAME = /^\..+\.tmp-(\d+)-[0-9a-f]+$/

/**
 * Temporary files left in `target`'s directory by runs killed with SIGKILL (no handler could remove them):
 * their PID no longer runs. Removed by the first write this process makes there, so they never pile up.
 */
function removeOrphanedTemps(target: string): void {
  const dir = dirname(target)
  if (sweptDirs.has(dir)) return
  sweptDirs.add(dir)
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return // the write itself will report an unusable directory
  }
  for (const name of names) {
    const pid = Number(TEMP_NAME.exec(name)?.[1])
    if (Number.isInteger(pid) && pid !== process.pid && !isRunning(pid)) rmSync(join(dir, name), {force: true})
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' // alive, but another user's
  }
}

/** The output path that means stdout. */
export const STDOUT_PATH = '-'

/** A temporary path next to `target` (for stdout: in the system's temp folder), registered for removal. */
export function reserveTempPath(target: string): string {
  const toStdout = target === STDOUT_PATH
  if (!toStdout) refuseInputAsOutput(target)
  installSignalHandlers()
  const dir = toStdout ? tmpdir() : dirname(target)
  if (!toStdout) removeOrphanedTemps(target)
  const name = toStdout ? 'infolens-stdout' : basename(target)
  const temp = join(dir, `.${name}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`)
  pendingTemps.add(temp)
  return temp
}

/**
 * Moves a finished temporary file onto its target (fsync first unless `durable` is false) and forgets it.
 * Not durable is for self-verifying files such as cache entries: a power cut may lose them, never corrupt what
 * a reader accepts, and the fsync per entry is what made a first cached run slower than an uncached one.
 */
export function commitTempPath(temp: string, target: string, durable = true): void {
  if (target === STDOUT_PATH) return copyToStdout(temp)
  if (durable) {
    const fd = openSync(temp, 'r')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  }
  try {
    renameSync(temp, target)
  } catch (error) {
    classifyWriteError(error, target) // e.g. EISDIR: the target is an existing directory
  }
  pendingTemps.delete(temp)
}

/** Sends a finished temporary file to stdout and deletes it. */
function copyToStdout(temp: string): void {
  process.stdout.write(readFileSync(temp))
  abandonTempPath(temp)
}

/** Deletes a temporary file after a failure. */
export function abandonTempPath(temp: string): void {
  try {
    rmSync(temp, {force: true})
  } catch {
    // ENOTDIR and the like: the temp file could never have been created there
  }
  pendingTemps.delete(temp)
}

/** Writes all of `bytes` at the file's current position (writeSync may write less than asked). */
export function writeFully(fd: number, bytes: Uint8Array): void {
  let written = 0
  while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written)
}

function openTemp(target: string): {temp: string; fd: number} {
  const temp = reserveTempPath(target)
  try {
    return {temp, fd: openSync(temp, 'w')}
  } catch (error) {
    abandonTempPath(temp)
    return classifyWriteError(error, target)
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd)
  } catch {}
}

/**
 * Streams a file into place: `fill` writes to a temporary file descriptor; on success
 * the file is fsync'ed and renamed onto `target`, on failure it is removed.
 */
export function writeAtomicSync<T>(target: string, fill: (fd: number) => T, durable = true): T {
  const {temp, fd} = openTemp(target)
  try {
    const result = fill(fd)
    closeSync(fd)
    commitTempPath(temp, target, durable)
    return result
  } catch (error) {
    closeQuietly(fd)
    abandonTempPath(temp)
    throw error
  }
}

/** The asynchronous form of writeAtomicSync, for outputs produced by awaited work. */
export async function writeAtomic<T>(target: string, fill: (fd: number) => Promise<T>): Promise<T> {
  const {temp, fd} = openTemp(target)
  try {
    const result = await fill(fd)
    closeSync(fd)
    commitTempPath(temp, target)
    return result
  } catch (error) {
    closeQuietly(fd)
    abandonTempPath(temp)
    throw error
  }
}

/** Writes `data` to `target` atomically. */
export function writeFileAtomic(target: string, data: string | Uint8Array, options: {durable?: boolean} = {}): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
  writeAtomicSync(target, (fd) => writeFully(fd, bytes), options.durable ?? true)
}

/** Writes a JSON document (2-space indent, trailing newline) atomically. */
export function writeJsonAtomic(target: string, value: unknown): void {
  writeFileAtomic(target, JSON.stringify(value, null, 2) + '\n')
}
