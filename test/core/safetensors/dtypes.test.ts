import {test} from 'node:test'
import assert from 'node:assert/strict'
import {decodeInto, float16Table, float8E4M3Table, float8E5M2Table} from '../../../src/core/safetensors/dtypes.js'
import {bfloat16Bits, encodeElements, float16Bits} from '../../../src/core/safetensors/encode.js'

// Reference values are the IEEE 754 / OCP OFP8 definitions worked by hand (not computed by our code).
test('F16 table: subnormals, normals, max 65504, ±inf, NaN, -0', () => {
  const t = float16Table()
  assert.equal(t[0x0001], 2 ** -24)
  assert.equal(t[0x03ff], 1023 * 2 ** -24)
  assert.equal(t[0x0400], 2 ** -14)
  assert.equal(t[0x3c00], 1)
  assert.equal(t[0x3555], 0.333251953125)
  assert.equal(t[0xc000], -2)
  assert.equal(t[0x7bff], 65504)
  assert.equal(t[0x7c00], Infinity)
  assert.equal(t[0xfc00], -Infinity)
  assert.ok(Number.isNaN(t[0x7e00]) && Number.isNaN(t[0x7c01]) && Number.isNaN(t[0xffff]))
  assert.ok(Object.is(t[0x8000], -0))
  assert.equal([...t].filter(Number.isNaN).length, 2 * 1023)
})

test('BF16 decoding is the upper half of a float32', () => {
  const bytes = new Uint8Array(new Uint16Array([0x3f80, 0x4049, 0x7f80, 0xff80, 0x7fc0, 0x0001, 0x7f7f, 0x8000]).buffer)
  for (const Out of [Float32Array, Float64Array]) {
    const out = new Out(8)
    decodeInto('BF16', bytes, out)
    assert.deepEqual([...out.slice(0, 4)], [1, 3.140625, Infinity, -Infinity])
    assert.ok(Number.isNaN(out[4]))
    assert.equal(out[5], 2 ** -133)
    assert.equal(out[6], (2 - 2 ** -7) * 2 ** 127)
    assert.ok(Object.is(out[7], -0))
  }
})

test('F8_E4M3 (E4M3FN): max 448, NaN only at 0x7F/0xFF, no infinities, subnormal 2^-9', () => {
  const t = float8E4M3Table()
  assert.equal(t[0x7e], 448)
  assert.equal(t[0xfe], -448)
  assert.equal(t[0x78], 256)
  assert.equal(t[0x38], 1)
  assert.equal(t[0x08], 2 ** -6)
  assert.equal(t[0x01], 2 ** -9)
  assert.equal(t[0x07], 7 * 2 ** -9)
  assert.ok(Number.isNaN(t[0x7f]) && Number.isNaN(t[0xff]))
  assert.equal([...t].filter(Number.isNaN).length, 2)
  assert.equal([...t].filter((x) => !Number.isFinite(x) && !Number.isNaN(x)).length, 0)
})

test('F8_E5M2: ±inf at 0x7C/0xFC, NaN 0x7D-0x7F, max 57344, subnormal 2^-16', () => {
  const t = float8E5M2Table()
  assert.equal(t[0x7c], Infinity)
  assert.equal(t[0xfc], -Infinity)
  assert.equal(t[0x7b], 57344)
  assert.equal(t[0x3c], 1)
  assert.equal(t[0x01], 2 ** -16)
  assert.equal(t[0x04], 2 ** -14)
  assert.equal([...t].filter(Number.isNaN).length, 6)
})

test('integer dtypes decode exactly; I64/U64 beyond ±2^53 are refused', () => {
  const i64 = new Uint8Array(new BigInt64Array([-(2n ** 53n), 42n, 2n ** 53n]).buffer)
  const out = new Float64Array(3)
  decodeInto('I64', i64, out)
  assert.deepEqual([...out], [-(2 ** 53), 42, 2 ** 53])
  const tooBig = new Uint8Array(new BigUint64Array([2n ** 53n + 1n]).buffer)
  assert.throws(() => decodeInto('U64', tooBig, new Float64Array(1)), /outside ±2\^53/)
  const i8 = new Float32Array(3)
  decodeInto('I8', new Uint8Array([0xff, 0x80, 0x7f]), i8)
  assert.deepEqual([...i8], [-1, -128, 127])
  const b = new Float32Array(3)
  decodeInto('BOOL', new Uint8Array([0, 1, 7]), b)
  assert.deepEqual([...b], [0, 1, 1])
})

test('F16 encoding rounds to nearest even, overflows at 65520, keeps subnormals', () => {
  assert.equal(float16Bits(65504), 0x7bff)
  assert.equal(float16Bits(65519.99), 0x7bff)
  assert.equal(float16Bits(65520), 0x7c00)
  assert.equal(float16Bits(1 + 2 ** -11), 0x3c00) // tie → even
  assert.equal(float16Bits(1 + 3 * 2 ** -11), 0x3c02) // tie → even (up)
  assert.equal(float16Bits(2 - 2 ** -12), 0x4000) // mantissa carry into the exponent
  assert.equal(float16Bits(2 ** -24), 0x0001)
  assert.equal(float16Bits(2 ** -25), 0x0000) // tie → even (zero)
  assert.equal(float16Bits(3 * 2 ** -25), 0x0002)
  assert.equal(float16Bits(2 ** -14 - 2 ** -26), 0x0400) // rounds up into the normal range
  assert.equal(float16Bits(-0), 0x8000)
  assert.equal(float16Bits(-Infinity), 0xfc00)
  assert.equal(float16Bits(Number.NaN), 0x7e00)
})

test('F16 encoding inverts the decoding table for every finite value', () => {
  const t = float16Table()
  for (let bits = 0; bits < 0x10000; bits++) if (!Number.isNaN(t[bits])) assert.equal(float16Bits(t[bits]), bits)
})

test('BF16 encoding rounds to nearest even and keeps NaN a NaN', () => {
  assert.equal(bfloat16Bits(1), 0x3f80)
  assert.equal(bfloat16Bits(1 + 2 ** -8), 0x3f80)
  assert.equal(bfloat16Bits(1 + 3 * 2 ** -8), 0x3f82)
  assert.equal(bfloat16Bits(3.4028234663852886e38), 0x7f80)
  const payloadNaN = new Float32Array(new Uint32Array([0x7f800001]).buffer)[0]
  assert.equal(bfloat16Bits(payloadNaN), 0x7fc0)
  const bytes = encodeElements('BF16', Float32Array.of(-2, 0.5))
  assert.deepEqual([...new Uint16Array(bytes.buffer)], [0xc000, 0x3f00])
})
