/**
 * Every GGUF fixture tensor dequantized by infolens equals the independent numpy dequantizer
 * of test/fixtures/gguf/make-gguf.py BIT FOR BIT (SHA-256 of the float32 values), for all 14
 * supported types; Q8_0, Q4_0, Q4_K, Q5_K and Q6_K are real trained weights. The reference is
 * itself checked against the unquantized weights (relative RMS error within each type's bound),
 * so a layout misread the same way on both sides would still fail. Plus closed-form blocks.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {openCheckpoint, type Checkpoint} from '../../../src/core/checkpoint/index.js'
import {dequantizerOf, SUPPORTED_GGML_TYPES} from '../../../src/core/gguf/index.js'
import type {InputError} from '../../../src/core/errors.js'

const dir = new URL('../../fixtures/gguf/', import.meta.url).pathname
interface RefTensor {
  file: string
  name: string
  type: string
  shape: number[]
  bytes: number
  sha256?: string
  first?: number[]
  rms_error?: number
  rms?: number
}
const reference = JSON.parse(readFileSync(`${dir}reference.json`, 'utf8')) as {tensors: RefTensor[]}

/** Relative RMS quantization error allowed per type (bits per weight → about 2^-bits; Q2_K is coarse). */
const REL_RMS_BOUND: Record<string, number> = {
  F32: 0,
  F16: 1e-3,
  BF16: 4e-3,
  Q8_0: 0.01,
  Q8_K: 0.01,
  Q6_K: 0.03,
  Q5_0: 0.06,
  Q5_1: 0.06,
  Q5_K: 0.06,
  Q4_0: 0.12,
  Q4_1: 0.12,
  Q4_K: 0.12,
  Q3_K: 0.2,
  Q2_K: 0.45,
}

const sha256 = (v: Float32Array) =>
  createHash('sha256')
    .update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength))
    .digest('hex')

async function withFixture<T>(file: string, fn: (ck: Checkpoint) => Promise<T>): Promise<T> {
  const ck = await openCheckpoint(dir + file)
  try {
    return await fn(ck)
  } finally {
    await ck.close()
  }
}

test('the fixtures cover every supported type, the five required ones from the real weights', () => {
  const decoded = reference.tensors.filter((t) => t.sha256)
  assert.deepEqual([...new Set(decoded.map((t) => t.type))].sort(), [...SUPPORTED_GGML_TYPES].sort())
  const real = decoded.filter((t) => t.name.startsWith('faceres.')).map((t) => t.type)
  for (const type of ['Q8_0', 'Q4_0', 'Q4_K', 'Q5_K', 'Q6_K']) assert.ok(real.includes(type), type)
})

test('the numpy reference is close to the unquantized weights (bound per type)', () => {
  for (const t of reference.tensors.filter((r) => r.sha256)) {
    const rel = t.rms! > 0 ? t.rms_error! / t.rms! : t.rms_error!
    assert.ok(rel <= REL_RMS_BOUND[t.type], `${t.name} ${t.type}: relative RMS error ${rel}`)
  }
})

for (const file of [...new Set(reference.tensors.map((t) => t.file))]) {
  test(`${file}: every tensor equals the numpy dequantizer bit for bit`, async () => {
    await withFixture(file, async (ck) => {
      for (const t of reference.tensors.filter((r) => r.file === file)) {
        const entry = ck.tensors.find((e) => e.name === t.name)
        assert.ok(entry, t.name)
        assert.equal(entry.dtype, t.type)
        assert.deepEqual(entry.shape, t.shape)
        assert.equal(entry.byteLength, t.bytes)
        if (!t.sha256) {
          assert.match(entry.unsupported ?? '', new RegExp(t.type))
          await assert.rejects(ck.readFloat32(entry), (e: InputError) =>
            new RegExp(`${file}: tensor ${t.name}: GGUF type ${t.type} is not supported`).test(e.oneLine),
          )
          continue
        }
        const values = await ck.readFloat32(entry)
        assert.deepEqual([...values.subarray(0, t.first!.length)], t.first, t.name)
        assert.equal(sha256(values), t.sha256, `${t.name} (${t.type})`)
        const wide = await ck.readFloat64(entry)
        assert.deepEqual(wide, Float64Array.from(values), `${t.name}: readFloat64 = float32 widened`)
      }
    })
  })
}

/** One block from its fields. */
function block(bytes: number[]): Uint8Array {
  return Uint8Array.from(bytes)
}

test('closed form: Q8_0 with d = 0.5 gives q/2; Q4_0 with d = 2 gives 2(q - 8)', () => {
  const q8 = Array.from({length: 32}, (_, i) => (i - 16) & 0xff) // int8 -16..15
  const out = new Float32Array(32)
  dequantizerOf('Q8_0')!(block([0x00, 0x38, ...q8]), out) // f16 0x3800 = 0.5
  assert.deepEqual(
    [...out],
    Array.from({length: 32}, (_, i) => (i - 16) / 2),
  )
  const nibbles = Array.from({length: 16}, (_, j) => j | ((15 - j) << 4))
  dequantizerOf('Q4_0')!(block([0x00, 0x40, ...nibbles]), out) // f16 0x4000 = 2
  const expected = [
    ...Array.from({length: 16}, (_, j) => 2 * (j - 8)),
    ...Array.from({length: 16}, (_, j) => 2 * (7 - j)),
  ]
  assert.deepEqual([...out], expected)
})

test('closed form: Q4_K with d = 1, dmin = 1, scales 1..8 and mins 0..7 (6-bit packing)', () => {
  const sc = [1, 2, 3, 4, 5, 6, 7, 8]
  const mn = [0, 1, 2, 3, 4, 5, 6, 7]
  const scales = [
    ...sc.slice(0, 4).map((s, j) => s | ((sc[j + 4] >> 4) << 6)),
    ...mn.slice(0, 4).map((m, j) => m | ((mn[j + 4] >> 4) << 6)),
    ...sc.slice(4).map((s, j) => (s & 15) | ((mn[j + 4] & 15) << 4)),
  ]
  const qs = Array.from({length: 128}, (_, i) => (i % 16) | ((15 - (i % 16)) << 4))
  const out = new Float32Array(256)
  dequantizerOf('Q4_K')!(block([0x00, 0x3c, 0x00, 0x3c, ...scales, ...qs]), out) // f16 0x3c00 = 1
  for (let i = 0; i < 256; i++) {
    const sub = i >> 5
    const l = i & 31
    const byte = qs[32 * (sub >> 1) + l]
    const q = sub % 2 === 0 ? byte & 15 : byte >> 4
    assert.equal(out[i], sc[sub] * q - mn[sub], `weight ${i}`)
  }
})

test('no decoder for IQ/TQ/MXFP4 types, nor for names that are not ggml types', () => {
  for (const type of ['IQ2_XS', 'TQ1_0', 'MXFP4', 'toString', '__proto__']) assert.equal(dequantizerOf(type), undefined)
})
