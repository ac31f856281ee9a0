/** Input fingerprints for reports: size and SHA-256, streamed so large checkpoints never sit in memory. */
import {createHash} from 'node:crypto'
import {statSync} from 'node:fs'
import {open} from 'node:fs/promises'
import {InputError} from '../errors.js'
import type {Static} from '@sinclair/typebox'
import type {ReportInputSchema} from '../report/envelope-schema.js'

export interface InputFingerprint {
  readonly path: string
  readonly bytes: number
  readonly sha256: string
}

/** A report's record of one input; sha256 is null when hashing was skipped (--no-checksum). */
export type ReportInput = Readonly<Static<typeof ReportInputSchema>>

/** Hashes already computed in this process, keyed by path, size and mtime (the cache and the envelope both ask). */
const memo = new Map<string, Promise<InputFingerprint>>()

export async function fingerprintFile(path: string): Promise<InputFingerprint> {
  let stat: {size: number; mtimeMs: number}
  try {
    stat = statSync(path)
  } catch {
    throw new InputError('file not found', {file: path})
  }
  const key = `${path}\u0000${stat.size}\u0000${stat.mtimeMs}`
  let pending = memo.get(key)
  if (!pending) {
    pending = hashFile(path, stat.size)
    memo.set(key, pending)
  }
  return pending
}

async function hashFile(path: string, bytes: number): Promise<InputFingerprint> {
  // One reused 4 MiB buffer and positioned reads: cheaper than a stream's fresh chunk per read.
  const hash = createHash('sha256')
  const buffer = Buffer.allocUnsafe(1 << 22)
  const file = await open(path, 'r')
  try {
    for (let position = 0; position < bytes;) {
      const {bytesRead} = await file.read(buffer, 0, buffer.length, position)
      if (bytesRead === 0) break
      hash.update(buffer.subarray(0, bytesRead))
      position += bytesRead
    }
  } finally {
    await file.close()
  }
  return {path, bytes, sha256: hash.digest('hex')}
}

export async function fingerprintFiles(paths: readonly string[]): Promise<InputFingerprint[]> {
  const out: InputFingerprint[] = []
  for (const p of paths) out.push(await fingerprintFile(p))
  return out
}

/** Inputs as reports record them: hashed unless `hash` is false (then only the size). */
export async function describeInputs(paths: readonly string[], options: {hash: boolean}): Promise<ReportInput[]> {
  if (options.hash) return fingerprintFiles(paths)
  return paths.map((path) => {
    try {
      return {path, bytes: statSync(path).size, sha256: null}
    } catch {
      throw new InputError('file not found', {file: path})
    }
  })
}
