/**
 * Finding a zip archive's central directory from its tail: the end-of-central-directory
 * record (EOCD, at most 22 + 65535 bytes before the end) and, when any of its fields is
 * saturated (0xFFFF / 0xFFFFFFFF), the zip64 locator right before it and the zip64 EOCD
 * record it points to. torch.save always writes the zip64 pair, even for tiny files.
 * Pure parsing of bytes the caller has read; the limits keep a hostile archive from
 * naming an absurd directory. Ref: PKWARE APPNOTE.TXT 6.3.10, §4.3.14–4.3.16.
 */
import {ZipFormatError} from './zip-format-error.js'

export const EOCD_SIGNATURE = 0x06054b50
export const ZIP64_LOCATOR_SIGNATURE = 0x07064b50
export const ZIP64_EOCD_SIGNATURE = 0x06064b50
export const EOCD_BYTES = 22
export const ZIP64_LOCATOR_BYTES = 20
export const ZIP64_EOCD_BYTES = 56
/** The EOCD's comment is at most 65535 bytes, so the record starts in the last 22 + 65535 bytes. */
export const TAIL_BYTES = EOCD_BYTES + 0xffff

export interface CentralDirectoryLocation {
  readonly entryCount: number
  readonly offset: number
  readonly size: number
}

export interface EndRecord extends CentralDirectoryLocation {
  /** Absolute position of the EOCD record. */
  readonly position: number
  /** True when a field is saturated and the zip64 record holds the real values. */
  readonly needsZip64: boolean
}

/** Locates and parses the EOCD in `tail`, the last bytes of a file of `fileSize` bytes. */
export function parseEndRecord(tail: Uint8Array, fileSize: number): EndRecord {
  const view = viewOf(tail)
  const tailStart = fileSize - tail.length
  for (let at = tail.length - EOCD_BYTES; at >= 0; at--) {
    if (view.getUint32(at, true) !== EOCD_SIGNATURE) continue
    const commentLength = view.getUint16(at + 20, true)
    if (at + EOCD_BYTES + commentLength !== tail.length) continue // a signature inside a comment
    const disk = view.getUint16(at + 4, true)
    const cdDisk = view.getUint16(at + 6, true)
    const entriesHere = view.getUint16(at + 8, true)
    const entryCount = view.getUint16(at + 10, true)
    const size = view.getUint32(at + 12, true)
    const offset = view.getUint32(at + 16, true)
    const needsZip64 = entryCount === 0xffff || size === 0xffffffff || offset === 0xffffffff
    if (!needsZip64 && (disk !== 0 || cdDisk !== 0 || entriesHere !== entryCount))
      throw new ZipFormatError('end of central directory', 'a multi-disk (split) archive is not supported')
    return {position: tailStart + at, entryCount, offset, size, needsZip64}
  }
  throw new ZipFormatError('end of central directory', 'record not found (not a zip file, or truncated)')
}

/** Parses the zip64 locator (the 20 bytes before the EOCD) and returns the zip64 record's position. */
export function parseZip64Locator(bytes: Uint8Array): number {
  const view = viewOf(bytes)
  if (bytes.length < ZIP64_LOCATOR_BYTES || view.getUint32(0, true) !== ZIP64_LOCATOR_SIGNATURE)
    throw new ZipFormatError('zip64 locator', 'missing before a saturated end-of-central-directory record')
  if (view.getUint32(16, true) > 1)
    throw new ZipFormatError('zip64 locator', 'a multi-disk (split) archive is not supported')
  return safeUint64(view, 8, 'zip64 locator')
}

/** Parses the zip64 end-of-central-directory record. */
export function parseZip64Record(bytes: Uint8Array): CentralDirectoryLocation {
  const view = viewOf(bytes)
  if (bytes.length < ZIP64_EOCD_BYTES || view.getUint32(0, true) !== ZIP64_EOCD_SIGNATURE)
    throw new ZipFormatError('zip64 end of central directory', 'record not found where the locator points')
  const entriesHere = safeUint64(view, 24, 'zip64 end of central directory')
  const entryCount = safeUint64(view, 32, 'zip64 end of central directory')
  if (view.getUint32(16, true) !== 0 || view.getUint32(20, true) !== 0 || entriesHere !== entryCount)
    throw new ZipFormatError('zip64 end of central directory', 'a multi-disk (split) archive is not supported')
  return {
    entryCount,
    size: safeUint64(view, 40, 'zip64 end of central directory'),
    offset: safeUint64(view, 48, 'zip64 end of central directory'),
  }
}

/** A u64 field as a number, refused beyond 2⁵³ (no real file is that large). */
export function safeUint64(view: DataView, at: number, field: string): number {
  const value = view.getBigUint64(at, true)
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError(field, `size or offset ${value} is absurd`)
  return Number(value)
}

export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
