/**
 * Positioned reads, shared by every checkpoint reader: opening a file for them (a file that cannot be
 * opened is bad input, named), and one read of a byte range into a buffer, looping over short reads
 * and chunked at 1 GiB (Node caps one read below 2 GiB). A file that ends before the range does is bad
 * input (a truncated download), named with file and field.
 */
import {open, type FileHandle} from 'node:fs/promises'
import {InputError} from '../errors.js'

const READ_CHUNK = 2 ** 30

/** Opens `file` read-only for positioned reads. */
export async function openForReading(file: string): Promise<FileHandle> {
  try {
    return await open(file, 'r')
  } catch (error) {
    throw new InputError(`cannot open (${(error as NodeJS.ErrnoException).code ?? 'error'})`, {file})
  }
}

/** Fills `target` from `position` of `handle`. */
export async function readRange(
  file: string,
  handle: FileHandle,
  target: Uint8Array,
  position: number,
  field?: string,
): Promise<void> {
  let done = 0
  while (done < target.length) {
    const length = Math.min(READ_CHUNK, target.length - done)
    const {bytesRead} = await handle.read(target, done, length, position + done)
    if (bytesRead === 0) {
      throw new InputError(
        `file ended at byte ${position + done}, expected ${target.length - done} more bytes (truncated?)`,
        {file, field},
      )
    }
    done += bytesRead
  }
}
