/**
 * What a reader may look at to claim a path before opening it: for a file its first
 * bytes (formats are told apart by magic bytes, not by extension), for a directory
 * the names inside it. Cheap on purpose: one short read or one listing.
 */
import {openSync, readdirSync, readSync, closeSync, statSync, type Stats} from 'node:fs'
import {InputError} from '../errors.js'

export const PROBE_BYTES = 64

export interface CheckpointProbe {
  readonly path: string
  readonly isDirectory: boolean
  /** A directory's entry names (files only are listed by readers that need them). */
  readonly names: readonly string[]
  /** A file's first bytes (up to PROBE_BYTES; fewer when the file is shorter). */
  readonly head: Uint8Array
  /** A file's size in bytes (0 for a directory). */
  readonly size: number
}

export function probeCheckpoint(path: string, expected: string): CheckpointProbe {
  const stats = statOrNull(path)
  if (!stats) throw new InputError(`no such file or directory (${expected})`, {file: path})
  if (stats.isDirectory()) return {path, isDirectory: true, names: listNames(path), head: new Uint8Array(0), size: 0}
  if (!stats.isFile()) throw new InputError(`not a regular file (${expected})`, {file: path})
  return {path, isDirectory: false, names: [], head: readHead(path), size: stats.size}
}

function statOrNull(path: string): Stats | undefined {
  try {
    return statSync(path)
  } catch {
    return undefined
  }
}

function listNames(dir: string): string[] {
  try {
    return readdirSync(dir)
  } catch (error) {
    throw new InputError(`cannot list directory (${(error as NodeJS.ErrnoException).code ?? 'error'})`, {file: dir})
  }
}

function readHead(file: string): Uint8Array {
  let fd: number
  try {
    fd = openSync(file, 'r')
  } catch (error) {
    throw new InputError(`cannot open (${(error as NodeJS.ErrnoException).code ?? 'error'})`, {file})
  }
  try {
    const head = new Uint8Array(PROBE_BYTES)
    const n = readSync(fd, head, 0, PROBE_BYTES, 0)
    return head.subarray(0, n)
  } finally {
    closeSync(fd)
  }
}

/** True when `head` starts with the ASCII string `magic`. */
export function startsWith(head: Uint8Array, magic: string): boolean {
  if (head.length < magic.length) return false
  for (let i = 0; i < magic.length; i++) if (head[i] !== magic.charCodeAt(i)) return false
  return true
}

/** The first non-whitespace byte of `head` (JSON files start with `{`), or -1. */
export function firstNonSpace(head: Uint8Array): number {
  for (const b of head)
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0xef && b !== 0xbb && b !== 0xbf) return b
  return -1
}
