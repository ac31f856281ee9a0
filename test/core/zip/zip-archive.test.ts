/**
 * The zip reader on hand-built archives: the CRC-32 check value, zip64 sizes in the
 * central directory's extra field (files over 4 GiB), a deflated entry inflated and
 * bounded (a bomb whose directory understates its size is refused), entry names that
 * leave the root, and archives made by Python's zipfile (an independent writer).
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {deflateRawSync} from 'node:zlib'
import {crc32} from '../../../src/core/zip/crc32.js'
import {parseCentralDirectory} from '../../../src/core/zip/central-directory.js'
import {singleRootFolder} from '../../../src/core/zip/entry-names.js'
import {ZipArchive} from '../../../src/core/zip/index.js'
import {InputError} from '../../../src/core/errors.js'
import {tempDir} from '../../helpers/cli.js'
import {NO_NUMPY, numpyPython} from '../../helpers/numpy-python.js'

test('crc32: the standard check value and the empty string', () => {
  assert.equal(crc32(new TextEncoder().encode('123456789')), 0xcbf43926)
  assert.equal(crc32(new Uint8Array(0)), 0)
})

/** One central header; `extra` appended after the name. */
function centralHeader(name: string, fields: {csize: number; usize: number; offset: number}, extra = Buffer.alloc(0)) {
  const h = Buffer.alloc(46)
  h.writeUInt32LE(0x02014b50, 0)
  h.writeUInt32LE(fields.csize, 20)
  h.writeUInt32LE(fields.usize, 24)
  h.writeUInt16LE(Buffer.byteLength(name), 28)
  h.writeUInt16LE(extra.length, 30)
  h.writeUInt32LE(fields.offset, 42)
  return Buffer.concat([h, Buffer.from(name), extra])
}

test('central directory: saturated sizes and offset come from the zip64 extra field, in APPNOTE order', () => {
  const extra = Buffer.alloc(4 + 24)
  extra.writeUInt16LE(0x0001, 0)
  extra.writeUInt16LE(24, 2)
  extra.writeBigUInt64LE(5n * 2n ** 30n, 4) // uncompressed
  extra.writeBigUInt64LE(5n * 2n ** 30n, 12) // compressed
  extra.writeBigUInt64LE(2n ** 33n + 7n, 20) // local header offset
  const sat = 0xffffffff
  const bytes = centralHeader('a/data/0', {csize: sat, usize: sat, offset: sat}, extra)
  const [entry] = parseCentralDirectory(bytes, 1)
  assert.equal(entry.uncompressedSize, 5 * 2 ** 30)
  assert.equal(entry.compressedSize, 5 * 2 ** 30)
  assert.equal(entry.localHeaderOffset, 2 ** 33 + 7)
  const partial = Buffer.alloc(4 + 8)
  partial.writeUInt16LE(0x0001, 0)
  partial.writeUInt16LE(8, 2)
  partial.writeBigUInt64LE(2n ** 33n, 4)
  const [only] = parseCentralDirectory(centralHeader('a/x', {csize: 10, usize: 10, offset: sat}, partial), 1)
  assert.equal(only.localHeaderOffset, 2 ** 33) // only the saturated field is in the extra
  assert.throws(
    () => parseCentralDirectory(centralHeader('a/x', {csize: sat, usize: 1, offset: 0}), 1),
    /no zip64 extra/,
  )
  assert.throws(() => parseCentralDirectory(bytes.subarray(0, 40), 1), /header signature not found/)
})

test('entry names: one root, nothing relative or absolute that leaves it', () => {
  assert.equal(singleRootFolder(['m/data.pkl', 'm/data/0']), 'm')
  for (const names of [['m/a', 'n/b'], ['m/a', 'top-level'], ['m/../x'], ['/m/a'], ['m/./a'], ['C:/m/a'], ['m\\a']])
    assert.throws(() => singleRootFolder(names), /outside the archive's root|relative path inside the archive/)
})

/** A single-entry zip, deflated, whose directory claims `claimed` uncompressed bytes. */
function deflatedZip(name: string, content: Buffer, claimed: number): Buffer {
  const data = deflateRawSync(content)
  const local = Buffer.alloc(30)
  local.writeUInt32LE(0x04034b50, 0)
  local.writeUInt16LE(8, 8)
  local.writeUInt32LE(data.length, 18)
  local.writeUInt32LE(claimed, 22)
  local.writeUInt16LE(Buffer.byteLength(name), 26)
  const central = centralHeader(name, {csize: data.length, usize: claimed, offset: 0})
  central.writeUInt16LE(8, 10)
  central.writeUInt32LE(crc32(content), 16)
  const head = Buffer.concat([local, Buffer.from(name), data])
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(1, 8)
  end.writeUInt16LE(1, 10)
  end.writeUInt32LE(central.length, 12)
  end.writeUInt32LE(head.length, 16)
  return Buffer.concat([head, central, end])
}

test('deflated entries inflate exactly, and never beyond the size the directory states', async () => {
  const dir = tempDir()
  const content = Buffer.from('x'.repeat(100_000))
  const honest = join(dir, 'honest.zip')
  writeFileSync(honest, deflatedZip('r/data.pkl', content, content.length))
  const bomb = join(dir, 'bomb.zip')
  writeFileSync(bomb, deflatedZip('r/data.pkl', content, 1000))
  const zip = await ZipArchive.open(honest)
  try {
    assert.deepEqual(Buffer.from(await zip.readWhole(zip.entries.get('r/data.pkl')!, 1 << 20)), content)
    await assert.rejects(
      zip.readWhole(zip.entries.get('r/data.pkl')!, 1000),
      /100000 bytes, more than the 1000 allowed/,
    )
  } finally {
    await zip.close()
  }
  const z2 = await ZipArchive.open(bomb)
  try {
    await assert.rejects(z2.readWhole(z2.entries.get('r/data.pkl')!, 1 << 20), (e: InputError) =>
      /bomb\.zip: zip entry r\/data\.pkl: cannot inflate/.test(e.oneLine),
    )
  } finally {
    await z2.close()
  }
})

test("Python's zipfile (forced zip64, a comment, deflate) reads back entry for entry", async (t) => {
  const python = numpyPython()
  if (!python) return t.skip(NO_NUMPY)
  const path = join(tempDir(), 'py.zip')
  const script = `
import zipfile, sys
with zipfile.ZipFile(sys.argv[1], 'w') as z:
    z.comment = b'PK\\x05\\x06 not the end record'
    with z.open('r/stored', 'w', force_zip64=True) as f: f.write(bytes(range(256)) * 3)
    z.writestr('r/deflated', b'abc' * 1000, compress_type=zipfile.ZIP_DEFLATED)
`
  const r = spawnSync(python, ['-c', script, path], {encoding: 'utf8'})
  assert.equal(r.status, 0, r.stderr)
  const zip = await ZipArchive.open(path)
  try {
    const stored = zip.entries.get('r/stored')!
    const expected = Buffer.from(Array.from({length: 768}, (_, i) => i % 256))
    assert.deepEqual(Buffer.from(await zip.readWhole(stored, 1 << 20)), expected)
    assert.deepEqual(Buffer.from(await zip.readStored(stored, 250, 10)), expected.subarray(250, 260))
    assert.equal(
      Buffer.from(await zip.readWhole(zip.entries.get('r/deflated')!, 1 << 20)).toString(),
      'abc'.repeat(1000),
    )
    await assert.rejects(zip.readStored(stored, 760, 10), /bytes 760\.\.770 requested, the entry holds 768/)
  } finally {
    await zip.close()
  }
})

test('zip64 end records: a saturated end record is resolved through the zip64 locator and record torch writes', async () => {
  // torch writes the zip64 pair in every file but fills the classic record too; saturate it, as a writer of
  // > 65535 entries or > 4 GiB must, and the reader has to take the values from the zip64 record
  const source = Buffer.from(readFileSync(new URL('../../fixtures/pytorch/views.pt', import.meta.url).pathname))
  const end = source.length - 22
  assert.equal(source.readUInt32LE(end), 0x06054b50)
  assert.equal(source.readUInt32LE(end - 20), 0x07064b50) // the locator right before it
  const saturated = Buffer.from(source)
  saturated.writeUInt16LE(0xffff, end + 8)
  saturated.writeUInt16LE(0xffff, end + 10)
  saturated.writeUInt32LE(0xffffffff, end + 12)
  saturated.writeUInt32LE(0xffffffff, end + 16)
  const dir = tempDir()
  const [plainPath, zip64Path, brokenPath] = ['plain.pt', 'zip64.pt', 'broken.pt'].map((n) => join(dir, n))
  writeFileSync(plainPath, source)
  writeFileSync(zip64Path, saturated)
  const noLocator = Buffer.from(saturated)
  noLocator.writeUInt32LE(0, end - 20)
  writeFileSync(brokenPath, noLocator)
  const names = async (path: string) => {
    const zip = await ZipArchive.open(path)
    try {
      return [...zip.entries.values()].map((e) => [e.name, e.uncompressedSize, e.localHeaderOffset])
    } finally {
      await zip.close()
    }
  }
  const expected = await names(plainPath)
  assert.ok(expected.length > 3)
  assert.deepEqual(await names(zip64Path), expected)
  await assert.rejects(names(brokenPath), (e: InputError) =>
    /zip64 locator: missing before a saturated/.test(e.oneLine),
  )
})
