/**
 * Atomic file output: every report, NetCDF file or plot is written to a temporary
 * file in the target's own directory, fsync'ed, then renamed over the target.
 * A run that fails or is killed (SIGINT/SIGTERM) leaves no partial output: the
 * temporary files still open are removed by the signal handler installed here.
 */
import {closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync} from 'node:fs'
import {basename, dirname, join} from 'node:path'
import {randomBytes} from 'node:crypto'
import {InputError} from '../errors.js'

const pendingTemps = new Set<string>()
let handlersInstalled = false

function removePendingTemps(): void {
  for (const path of pendingTemps) rmSync(path, {force: true})
  pendingTemps.clear()
}

function installSignalHandlers(): void {
  if (handlersInstalled) return
  handlersInstalled = true
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      removePendingTemps()
      process.exit(code)
    })
  }
  process.once('exit', removePendingTemps)
}

/** A temporary path next to `target`, registered for removal on failure or signal. */
export function reserveTempPath(target: string): string {
  installSignalHandlers()
  const temp = join(dirname(target), `.${basename(target)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`)
  pendingTemps.add(temp)
  return temp
}

/** Moves a finished temporary file onto its target (fsync first) and forgets it. */
export function commitTempPath(temp: string, target: string): void {
  const fd = openSync(temp, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(temp, target)
  pendingTemps.delete(temp)
}

/** Deletes a temporary file after a failure. */
export function abandonTempPath(temp: string): void {
  rmSync(temp, {force: true})
  pendingTemps.delete(temp)
}

/** Writes `data` to `target` atomically. */
export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  let temp: string
  let fd: number
  try {
    temp = reserveTempPath(target)
    fd = openSync(temp, 'w')
  } catch (error) {
    throw new InputError(`cannot write output (${(error as NodeJS.ErrnoException).code ?? 'error'})`, {file: target})
  }
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
    let written = 0
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written)
    fsyncSync(fd)
    closeSync(fd)
    renameSync(temp, target)
    pendingTemps.delete(temp)
  } catch (error) {
    try {
      closeSync(fd)
    } catch {}
    abandonTempPath(temp)
    throw error
  }
}

/** Writes a JSON document (2-space indent, trailing newline) atomically. */
export function writeJsonAtomic(target: string, value: unknown): void {
  writeFileAtomic(target, JSON.stringify(value, null, 2) + '\n')
}
