/**
 * A zip archive read in place with positioned reads: opening reads the tail (EOCD,
 * zip64 records) and the central directory, never the whole file; an entry's data is
 * then located through its local header and read on demand, either a byte range of a
 * stored entry (the tensor storages of a torch checkpoint, read element ranges at a
 * time) or a whole small entry, inflated with node:zlib when deflated, bounded in size
 * and checked against its CRC-32. Every defect is an InputError naming the file and
 * the zip record.
 */
import type {FileHandle} from 'node:fs/promises'
import {inflateRawSync} from 'node:zlib'
import {InputError} from '../errors.js'
import {crc32} from './crc32.js'
import {parseCentralDirectory, type ZipEntry} from './central-directory.js'
import {
  type CentralDirectoryLocation,
  parseEndRecord,
  parseZip64Locator,
  parseZip64Record,
  TAIL_BYTES,
  viewOf,
  ZIP64_EOCD_BYTES,
  ZIP64_LOCATOR_BYTES,
} from './end-of-central-directory.js'
import {ZipFormatError} from './zip-format-error.js'
import {openForReading, readRange} from '../checkpoint/read-range.js'

export type {ZipEntry} from './central-directory.js'

const LOCAL_HEADER_SIGNATURE = 0x04034b50
const LOCAL_HEADER_BYTES = 30
/** A central directory beyond this is refused: 256 MiB holds millions of entries. */
const MAX_CENTRAL_DIRECTORY_BYTES = 256 * 2 ** 20
const METHOD_STORED = 0
const METHOD_DEFLATED = 8
/** The most bytes one positioned read asks for (Node caps a read at 2 GiB − 1). */

export class ZipArchive {
  private readonly dataStarts = new Map<string, number>()

  private constructor(
    readonly file: string,
    readonly size: number,
    private readonly handle: FileHandle,
    readonly entries: ReadonlyMap<string, ZipEntry>,
    /** Where the central directory starts: every entry's data must end before it. */
    private readonly directoryOffset: number,
  ) {}

  static async open(file: string): Promise<ZipArchive> {
    const handle = await openForReading(file)
    try {
      const {size} = await handle.stat()
      const location = await locateDirectory(file, handle, size)
      const bytes = new Uint8Array(location.size)
      await readRange(file, handle, bytes, location.offset, 'central directory')
      const list = guard(file, () => parseCentralDirectory(bytes, location.entryCount))
      const entries = new Map<string, ZipEntry>()
      for (const e of list) {
        if (entries.has(e.name))
          throw new InputError(`entry ${e.name} appears twice`, {file, field: 'central directory'})
        entries.set(e.name, e)
      }
      return new ZipArchive(file, size, handle, entries, location.offset)
    } catch (error) {
      await handle.close()
      throw error
    }
  }

  /** Absolute position of the entry's first data byte (its local header is read once). */
  async dataStart(entry: ZipEntry): Promise<number> {
    const known = this.dataStarts.get(entry.name)
    if (known !== undefined) return known
    const header = new Uint8Array(LOCAL_HEADER_BYTES)
    await readRange(this.file, this.handle, header, entry.localHeaderOffset, `entry ${entry.name}`)
    const view = viewOf(header)
    if (view.getUint32(0, true) !== LOCAL_HEADER_SIGNATURE || view.getUint16(8, true) !== entry.method)
      throw this.defect(entry, 'local header missing or disagreeing with the central directory (corrupt?)')
    const start = entry.localHeaderOffset + LOCAL_HEADER_BYTES + view.getUint16(26, true) + view.getUint16(28, true)
    if (start + entry.compressedSize > this.directoryOffset)
      throw this.defect(entry, `data runs past the central directory at byte ${this.directoryOffset} (truncated?)`)
    this.dataStarts.set(entry.name, start)
    return start
  }

  /** `length` bytes of a stored entry from `offset` within it, into a fresh (8-aligned) buffer. */
  async readStored(entry: ZipEntry, offset: number, length: number): Promise<Uint8Array> {
    if (entry.method !== METHOD_STORED) throw this.defect(entry, 'expected a stored (uncompressed) entry')
    if (offset < 0 || offset + length > entry.uncompressedSize)
      throw this.defect(
        entry,
        `bytes ${offset}..${offset + length} requested, the entry holds ${entry.uncompressedSize}`,
      )
    const start = await this.dataStart(entry)
    const bytes = new Uint8Array(length)
    await readRange(this.file, this.handle, bytes, start + offset, `entry ${entry.name}`)
    return bytes
  }

  /** A whole entry (stored or deflated) of at most `maxBytes`, checked against its CRC-32. */
  async readWhole(entry: ZipEntry, maxBytes: number): Promise<Uint8Array> {
    if (entry.uncompressedSize > maxBytes || entry.compressedSize > maxBytes)
      throw this.defect(entry, `${entry.uncompressedSize} bytes, more than the ${maxBytes} allowed`)
    if (entry.method !== METHOD_STORED && entry.method !== METHOD_DEFLATED)
      throw this.defect(entry, `compression method ${entry.method} is not supported (expected stored or deflate)`)
    const start = await this.dataStart(entry)
    const raw = new Uint8Array(entry.compressedSize)
    await readRange(this.file, this.handle, raw, start, `entry ${entry.name}`)
    const bytes = entry.method === METHOD_STORED ? raw : this.inflate(entry, raw)
    if (bytes.length !== entry.uncompressedSize || crc32(bytes) !== entry.crc32)
      throw this.defect(entry, 'size or CRC-32 does not match the central directory (corrupt?)')
    return bytes
  }

  async close(): Promise<void> {
    await this.handle.close()
  }

  private inflate(entry: ZipEntry, raw: Uint8Array): Uint8Array {
    try {
      // maxOutputLength bounds a zip bomb whose central directory understates its size
      return inflateRawSync(raw, {maxOutputLength: Math.max(1, entry.uncompressedSize)})
    } catch (error) {
      throw this.defect(entry, `cannot inflate (${(error as Error).message})`)
    }
  }

  private defect(entry: ZipEntry, expected: string): InputError {
    return new InputError(expected, {file: this.file, field: `zip entry ${entry.name}`})
  }
}

/** Reads the EOCD (and zip64 records when needed) and checks the directory lies inside the file. */
async function locateDirectory(file: string, handle: FileHandle, size: number): Promise<CentralDirectoryLocation> {
  const tail = new Uint8Array(Math.min(size, TAIL_BYTES))
  await readRange(file, handle, tail, size - tail.length, 'end of central directory')
  const end = guard(file, () => parseEndRecord(tail, size))
  let location: CentralDirectoryLocation = end
  if (end.needsZip64) {
    const locator = new Uint8Array(ZIP64_LOCATOR_BYTES)
    if (end.position < ZIP64_LOCATOR_BYTES) throw new InputError('zip64 locator missing', {file})
    await readRange(file, handle, locator, end.position - ZIP64_LOCATOR_BYTES, 'zip64 locator')
    const recordAt = guard(file, () => parseZip64Locator(locator))
    const record = new Uint8Array(ZIP64_EOCD_BYTES)
    if (recordAt + ZIP64_EOCD_BYTES > end.position) throw new InputError('zip64 record past the end', {file})
    await readRange(file, handle, record, recordAt, 'zip64 end of central directory')
    location = guard(file, () => parseZip64Record(record))
  }
  const field = 'central directory'
  if (location.size > MAX_CENTRAL_DIRECTORY_BYTES)
    throw new InputError(`${location.size} bytes, more than ${MAX_CENTRAL_DIRECTORY_BYTES} allowed`, {file, field})
  if (location.offset + location.size > end.position || location.entryCount * 46 > location.size)
    throw new InputError(
      `offset ${location.offset} + size ${location.size} for ${location.entryCount} entries does not fit before the end record at byte ${end.position} (truncated or corrupt?)`,
      {file, field},
    )
  return location
}

/** Runs a pure zip parser, turning its ZipFormatError into an InputError naming the file. */
function guard<T>(file: string, parse: () => T): T {
  try {
    return parse()
  } catch (error) {
    if (error instanceof ZipFormatError) throw new InputError(error.expected, {file, field: error.record})
    throw error
  }
}
