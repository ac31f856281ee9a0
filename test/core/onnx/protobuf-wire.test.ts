/**
 * The protobuf wire walker and the ONNX content probe: varints against hand-encoded bytes
 * (protobuf.dev encoding guide: 150 = 96 01, -1 as int64 = ff×9 01), refused wire types and
 * truncation, and which first bytes `claims` an ONNX model.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {
  bufferSource,
  fieldsOf,
  int64Of,
  ProtobufError,
  readVarint,
  unsignedOf,
} from '../../../src/core/onnx/protobuf-wire.js'
import {looksLikeModelProto} from '../../../src/core/onnx/format.js'
import {PROBE_BYTES} from '../../../src/core/checkpoint/checkpoint-probe.js'

const fixtures = new URL('../../fixtures/onnx/', import.meta.url).pathname
const varint = (...bytes: number[]) => readVarint(bufferSource(Uint8Array.from(bytes)), 0, bytes.length, 'test')

test('varints: one byte, two bytes, 2^32, int64 -1 and -2^53, and the 2^53 limit', () => {
  assert.equal(unsignedOf(varint(0x01)), 1)
  assert.equal(unsignedOf(varint(0x96, 0x01)), 150)
  assert.equal(unsignedOf(varint(0x80, 0x80, 0x80, 0x80, 0x10)), 2 ** 32)
  assert.equal(int64Of(varint(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01)), -1)
  // -2^53 = 0xFFE0000000000000: low 7-bit groups 0 up to bit 53
  assert.equal(int64Of(varint(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0xf0, 0xff, 0x01)), -(2 ** 53))
  assert.equal(unsignedOf(varint(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f)), 2 ** 53 - 1)
  assert.ok(Number.isNaN(unsignedOf(varint(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10))))
  assert.equal(varint(0x96, 0x01).next, 2)
})

test('varints: cut off, or longer than 10 bytes, are refused', () => {
  assert.throws(() => varint(0x96), ProtobufError)
  assert.throws(() => varint(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01), /longer than 10 bytes/)
})

test('fields: LEN, I32, I64 payload positions; groups and overruns refused', () => {
  const bytes = Uint8Array.of(0x08, 0x07, 0x12, 0x02, 0x61, 0x62, 0x1d, 1, 2, 3, 4, 0x21, 1, 2, 3, 4, 5, 6, 7, 8)
  const fields = [...fieldsOf(bufferSource(bytes), 0, bytes.length, 'm')]
  assert.deepEqual(
    fields.map((f) => [f.number, f.wire, f.start, f.length]),
    [
      [1, 0, 1, 1],
      [2, 2, 4, 2],
      [3, 5, 7, 4],
      [4, 1, 12, 8],
    ],
  )
  assert.equal(fields[0].lo, 7)
  const group = Uint8Array.of(0x0b)
  assert.throws(() => [...fieldsOf(bufferSource(group), 0, 1, 'm')], /wire type 3/)
  const overrun = Uint8Array.of(0x3a, 0x05, 0x00)
  assert.throws(() => [...fieldsOf(bufferSource(overrun), 0, 3, 'm', {7: 'graph'})], /graph \(field 7\) of 5 bytes/)
  assert.throws(() => [...fieldsOf(bufferSource(Uint8Array.of(0x00)), 0, 1, 'm')], /invalid field number/)
})

test('claims: ONNX models (whole or truncated) yes; safetensors, GGUF, zip, JSON and malformed starts no', () => {
  const head = (path: string) => new Uint8Array(readFileSync(path)).subarray(0, PROBE_BYTES)
  for (const name of ['storage.onnx', 'ch_ppocr_mobile_v2.0_cls_infer.onnx', 'external/model.onnx', 'bad/outside.onnx'])
    assert.equal(looksLikeModelProto({head: head(join(fixtures, name))}), true, name)
  assert.equal(looksLikeModelProto({head: head(join(fixtures, 'storage.onnx')).subarray(0, 3)}), true, 'first 3 bytes')
  const no: [string, number[]][] = [
    ['safetensors, header length 0x0508', [0x08, 0x05, 0, 0, 0, 0, 0, 0, 0x7b, 0x22]],
    ['safetensors, header length 0x12_0708', [0x08, 0x07, 0x12, 0, 0, 0, 0, 0, 0x7b, 0x22]],
    ['GGUF', [0x47, 0x47, 0x55, 0x46, 3, 0, 0, 0]],
    ['zip', [0x50, 0x4b, 0x03, 0x04]],
    ['JSON', [0x7b, 0x22, 0x77]],
    ['ir_version 0', [0x08, 0x00, 0x12, 0x00]],
    ['ir_version 200', [0x08, 0xc8, 0x01, 0x12, 0x00]],
    ['unknown field 9', [0x08, 0x07, 0x4a, 0x00]],
    ['field 7 as a varint', [0x08, 0x07, 0x38, 0x01]],
    ['empty', []],
  ]
  for (const [what, bytes] of no) assert.equal(looksLikeModelProto({head: Uint8Array.from(bytes)}), false, what)
})
