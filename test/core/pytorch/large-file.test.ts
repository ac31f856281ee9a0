/**
 * A PyTorch archive over 4 GiB: the storage's local header sits past byte 2^32, so its
 * offset lives in the central header's zip64 extra field and the end records are the
 * zip64 ones. Built by hand as a sparse 5 GiB file around the pickle of a real
 * fixture (hostile/escape.pt's data.pkl: {'w': 2×2 float32 tensor of storage '0'}).
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {closeSync, ftruncateSync, openSync, rmSync, statSync, writeSync} from 'node:fs'
import {join} from 'node:path'
import {openCheckpoint} from '../../../src/core/checkpoint/index.js'
import {crc32} from '../../../src/core/zip/crc32.js'
import {ZipArchive} from '../../../src/core/zip/index.js'
import {tempDir} from '../../helpers/cli.js'

const FIXTURE = new URL('../../fixtures/pytorch/hostile/escape.pt', import.meta.url).pathname
const FAR = 5 * 2 ** 30

async function fixturePickle(): Promise<Buffer> {
  const zip = await ZipArchive.open(FIXTURE)
  try {
    return Buffer.from(await zip.readWhole(zip.entries.get('archive/data.pkl')!, 1 << 20))
  } finally {
    await zip.close()
  }
}

function localHeader(name: string, data: Buffer): Buffer {
  const h = Buffer.alloc(30)
  h.writeUInt32LE(0x04034b50, 0)
  h.writeUInt32LE(crc32(data), 14)
  h.writeUInt32LE(data.length, 18)
  h.writeUInt32LE(data.length, 22)
  h.writeUInt16LE(Buffer.byteLength(name), 26)
  return Buffer.concat([h, Buffer.from(name)])
}

function centralHeader(name: string, data: Buffer, offset: number): Buffer {
  const wide = offset >= 0xffffffff
  const extra = Buffer.alloc(wide ? 12 : 0)
  if (wide) {
    extra.writeUInt16LE(0x0001, 0)
    extra.writeUInt16LE(8, 2)
    extra.writeBigUInt64LE(BigInt(offset), 4)
  }
  const h = Buffer.alloc(46)
  h.writeUInt32LE(0x02014b50, 0)
  h.writeUInt32LE(crc32(data), 16)
  h.writeUInt32LE(data.length, 20)
  h.writeUInt32LE(data.length, 24)
  h.writeUInt16LE(Buffer.byteLength(name), 28)
  h.writeUInt16LE(extra.length, 30)
  h.writeUInt32LE(wide ? 0xffffffff : offset, 42)
  return Buffer.concat([h, Buffer.from(name), extra])
}

/** zip64 end record + locator + a saturated classic end record. */
function endRecords(entries: number, cdOffset: number, cdSize: number): Buffer {
  const record = Buffer.alloc(56)
  record.writeUInt32LE(0x06064b50, 0)
  record.writeBigUInt64LE(44n, 4)
  record.writeBigUInt64LE(BigInt(entries), 24)
  record.writeBigUInt64LE(BigInt(entries), 32)
  record.writeBigUInt64LE(BigInt(cdSize), 40)
  record.writeBigUInt64LE(BigInt(cdOffset), 48)
  const locator = Buffer.alloc(20)
  locator.writeUInt32LE(0x07064b50, 0)
  locator.writeBigUInt64LE(BigInt(cdOffset + cdSize), 8)
  locator.writeUInt32LE(1, 16)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(0xffff, 8)
  end.writeUInt16LE(0xffff, 10)
  end.writeUInt32LE(0xffffffff, 12)
  end.writeUInt32LE(0xffffffff, 16)
  return Buffer.concat([record, locator, end])
}

test('files over 4 GiB: a storage past byte 2^32 (zip64 extra offset, zip64 end records) reads exactly', async (t) => {
  const pickle = await fixturePickle()
  const storage = Buffer.from(Float32Array.of(1.5, -2, 0.25, 3e38).buffer)
  const pklLocal = localHeader('archive/data.pkl', pickle)
  const dataLocal = localHeader('archive/data/0', storage)
  const dataAt = FAR
  const cdOffset = dataAt + dataLocal.length + storage.length
  const cd = Buffer.concat([
    centralHeader('archive/data.pkl', pickle, 0),
    centralHeader('archive/data/0', storage, dataAt),
  ])
  const path = join(tempDir(), 'big.pt')
  const fd = openSync(path, 'w')
  try {
    writeSync(fd, Buffer.concat([pklLocal, pickle]), 0, pklLocal.length + pickle.length, 0)
    ftruncateSync(fd, dataAt)
    const tail = Buffer.concat([dataLocal, storage, cd, endRecords(2, cdOffset, cd.length)])
    writeSync(fd, tail, 0, tail.length, dataAt)
  } finally {
    closeSync(fd)
  }
  if (statSync(path).blocks * 512 > 2 ** 30) {
    rmSync(path)
    return t.skip('filesystem does not keep sparse files sparse')
  }
  const ck = await openCheckpoint(path)
  try {
    assert.equal(ck.format, 'pytorch')
    const [w] = ck.tensors
    assert.equal(w.name, 'w')
    assert.equal(w.offset, dataAt + dataLocal.length)
    assert.ok(w.offset > 2 ** 32)
    assert.deepEqual([...(await ck.readFloat32(w))], [1.5, -2, 0.25, Math.fround(3e38)])
  } finally {
    await ck.close()
    rmSync(path)
  }
})
