/**
 * Parsing a zip central directory into entries (name, method, sizes, local header
 * position), with the zip64 extra field (id 0x0001) supplying the sizes and offset
 * that do not fit 32 bits. Pure: the bytes come from the caller. Encrypted entries
 * and names that are not UTF-8 are refused here; where an entry may point (inside the
 * archive, before the central directory) is checked by the archive reader.
 * Ref: PKWARE APPNOTE.TXT 6.3.10, §4.3.12 (central header) and §4.5.3 (zip64 extra).
 */
import {safeUint64, viewOf} from './end-of-central-directory.js'
import {ZipFormatError} from './zip-format-error.js'

export const CENTRAL_HEADER_SIGNATURE = 0x02014b50
const CENTRAL_HEADER_BYTES = 46
const ZIP64_EXTRA_ID = 0x0001

export interface ZipEntry {
  readonly name: string
  /** 0 = stored, 8 = deflated. */
  readonly method: number
  readonly crc32: number
  readonly compressedSize: number
  readonly uncompressedSize: number
  /** Absolute position of the entry's local header. */
  readonly localHeaderOffset: number
}

const utf8 = new TextDecoder('utf-8', {fatal: true})

/** Parses `count` central headers from `bytes` (the whole central directory). */
export function parseCentralDirectory(bytes: Uint8Array, count: number): ZipEntry[] {
  const view = viewOf(bytes)
  const entries: ZipEntry[] = []
  let at = 0
  for (let i = 0; i < count; i++) {
    if (at + CENTRAL_HEADER_BYTES > bytes.length || view.getUint32(at, true) !== CENTRAL_HEADER_SIGNATURE)
      throw new ZipFormatError('central directory', `entry ${i} of ${count}: header signature not found (corrupt?)`)
    const nameLength = view.getUint16(at + 28, true)
    const extraLength = view.getUint16(at + 30, true)
    const commentLength = view.getUint16(at + 32, true)
    const end = at + CENTRAL_HEADER_BYTES + nameLength + extraLength + commentLength
    if (end > bytes.length) throw new ZipFormatError('central directory', `entry ${i}: runs past the directory's end`)
    entries.push(parseEntry(bytes, view, at, i, nameLength, extraLength))
    at = end
  }
  return entries
}

function parseEntry(
  bytes: Uint8Array,
  view: DataView,
  at: number,
  index: number,
  nameLength: number,
  extraLength: number,
): ZipEntry {
  const nameStart = at + CENTRAL_HEADER_BYTES
  const name = decodeName(bytes.subarray(nameStart, nameStart + nameLength), index)
  if (view.getUint16(at + 8, true) & 0x0001)
    throw new ZipFormatError(`entry ${name}`, 'encrypted entries are not supported')
  const extra = bytes.subarray(nameStart + nameLength, nameStart + nameLength + extraLength)
  const wide = zip64Fields(extra, name, {
    uncompressedSize: view.getUint32(at + 24, true),
    compressedSize: view.getUint32(at + 20, true),
    localHeaderOffset: view.getUint32(at + 42, true),
  })
  return {name, method: view.getUint16(at + 10, true), crc32: view.getUint32(at + 16, true), ...wide}
}

function decodeName(raw: Uint8Array, index: number): string {
  try {
    return utf8.decode(raw)
  } catch {
    throw new ZipFormatError('central directory', `entry ${index}: name is not UTF-8`)
  }
}

interface WideFields {
  uncompressedSize: number
  compressedSize: number
  localHeaderOffset: number
}

/** Replaces each saturated 32-bit field by its zip64 extra value, in the APPNOTE's fixed order. */
function zip64Fields(extra: Uint8Array, name: string, narrow: WideFields): WideFields {
  const saturated = (Object.keys(narrow) as (keyof WideFields)[]).filter((k) => narrow[k] === 0xffffffff)
  if (saturated.length === 0) return narrow
  const view = viewOf(extra)
  for (let at = 0; at + 4 <= extra.length;) {
    const id = view.getUint16(at, true)
    const size = view.getUint16(at + 2, true)
    if (id === ZIP64_EXTRA_ID) {
      if (size < 8 * saturated.length || at + 4 + size > extra.length)
        throw new ZipFormatError(`entry ${name}`, 'zip64 extra field too short for its saturated sizes')
      const wide = {...narrow}
      saturated.forEach((k, i) => (wide[k] = safeUint64(view, at + 4 + 8 * i, `entry ${name}`)))
      return wide
    }
    at += 4 + size
  }
  throw new ZipFormatError(`entry ${name}`, 'sizes saturated at 0xFFFFFFFF but no zip64 extra field')
}
