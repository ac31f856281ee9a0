/**
 * extractNumberArrays: every extracted value equals JSON.parse's bit for bit (the reference is V8's
 * own correctly rounded JSON.parse), on hand-picked hard literals and on random ones of every length
 * and exponent; the skeleton parses back to the original document with placeholders; strings,
 * nesting and malformed literals are left to JSON.parse; overflow gives up.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {extractNumberArrays as extractFromBytes} from '../../../src/core/io/json-number-arrays.js'
import {createXoshiro128} from '../../../src/core/random/xoshiro128.js'

const extractNumberArrays = (text: string) => extractFromBytes(new TextEncoder().encode(text))

/** Same double, sign of zero included (Object.is distinguishes −0 and +0). */
function assertSameBits(actual: Float64Array, expected: number[], literals: string[]): void {
  assert.equal(actual.length, expected.length)
  for (let k = 0; k < expected.length; k++)
    assert.ok(Object.is(actual[k], expected[k]), `${literals[k]}: got ${actual[k]}, JSON.parse ${expected[k]}`)
}

function checkLiterals(literals: string[]): void {
  const text = `{"v":[${literals.join(',')}]}`
  const out = extractNumberArrays(text)
  assert.ok(out)
  assert.equal(out.arrays.length, 1)
  assertSameBits(out.arrays[0], JSON.parse(text).v, literals)
}

test('hard literals equal JSON.parse bit for bit', () => {
  checkLiterals([
    '0',
    '-0',
    '0.0',
    '-0.0',
    '0e5',
    '-0E-5',
    '1',
    '-1',
    '0.1',
    '0.2',
    '0.3',
    '-0.30000000000000004',
    '1e22',
    '1e23',
    '1E+22',
    '9007199254740991',
    '9007199254740992',
    '9007199254740993',
    '999999999999999',
    '9999999999999999',
    '123456789012345678901234567890',
    '0.000001',
    '1e-7',
    '4.35',
    '2.675',
    '5e-324',
    '4.9406564584124654e-324',
    '2.4703282292062327e-324',
    '2.4703282292062328e-324',
    '2.2250738585072011e-308',
    '2.2250738585072014e-308',
    '1.7976931348623157e308',
    '1.7976931348623158e308',
    '1e-400',
    '-1e-400',
    '0.1e1',
    '100e-2',
    '12345678901234.5',
    '1234567890123.45e-10',
    '3.141592653589793',
    '0.00000000000000000000000000000000000000001',
    '1.00000000000000011102230246251565404236316680908203125',
    '1.0000000000000001110223024625156540423631668090820312500001',
    '8.98846567431158e307',
    '0.12345678901234567',
    '-0.01234',
    '123e-22',
    '123e-23',
    '123e22',
    '1e0',
    '1e-0',
    '7e+0',
  ])
})

test('random literals of every length and exponent equal JSON.parse bit for bit', () => {
  const rng = createXoshiro128(7, 0)
  const literals: string[] = []
  for (let k = 0; k < 20000; k++) {
    const digits = 1 + rng.nextInt(20)
    let mantissa = String(1 + rng.nextInt(9))
    for (let d = 1; d < digits; d++) mantissa += String(rng.nextInt(10))
    const point = rng.nextInt(digits + 1)
    let lit = point === 0 || point === digits ? mantissa : `${mantissa.slice(0, point)}.${mantissa.slice(point)}`
    if (point === 0 && rng.nextInt(2) === 0) lit = `0.${'0'.repeat(rng.nextInt(5))}${mantissa}`
    if (rng.nextInt(3) === 0) lit += `${rng.nextInt(2) ? 'e' : 'E'}${['', '+', '-'][rng.nextInt(3)]}${rng.nextInt(40)}`
    if (rng.nextInt(2) === 0) lit = `-${lit}`
    literals.push(lit)
  }
  // Shortest round-trip forms of random doubles (what JSON.stringify writes), too.
  for (let k = 0; k < 5000; k++) literals.push(String((rng.nextFloat() - 0.5) * 10 ** (rng.nextInt(40) - 20)))
  checkLiterals(literals)
})

test('the skeleton with the arrays put back equals the parsed document', () => {
  const doc = {
    id: 'a[1,2]"b',
    text: 'quote \\" and [3, 4] inside a string, ünïcödé [5] ✓',
    runs: [{inputs: [{embedding: [0.5, -1e-3, 2], responses: [{text: '[]', embedding: [1, 2]}]}]}],
    matrix: [
      [1, 0.25],
      [0.25, 1],
    ],
    mixed: [1, 'two', 3],
    empty: [],
    nested: [[[5]]],
  }
  const text = JSON.stringify(doc, null, 1)
  const out = extractNumberArrays(text)
  assert.ok(out)
  assert.equal(out.arrays.length, 5) // two embeddings, two matrix rows, the innermost [5]
  const restore = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.length === 1 && typeof v[0] === 'number' // every single-number array here is a placeholder
        ? Array.from(out.arrays[v[0]])
        : v.map(restore)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, restore(x)]))
        : v
  const skeleton = JSON.parse(out.skeleton)
  assert.deepEqual(skeleton.runs[0].inputs[0].embedding, [0])
  assert.deepEqual(skeleton.mixed, [1, 'two', 3])
  assert.deepEqual(skeleton.empty, [])
  assert.equal(skeleton.id, doc.id)
  assert.equal(skeleton.text, doc.text)
  assert.deepEqual(restore(skeleton), doc)
})

test('malformed literals are left in the text for JSON.parse to reject', () => {
  const bad0 = ['[01, 2]', '[.5]', '[1.]', '[+1]', '[1e]', '[-]', '[1,]', '[1 2]', '[NaN]', '[Infinity]']
  const bad1 = ['[00]', '[-01]', '[0.]', '[-.5]', '[1.e5]', '[0x1]', '[1.5.2]', '[1, 2, 3.]', '[1-2]']
  for (const bad of [...bad0, ...bad1]) {
    const out = extractNumberArrays(`{"v":${bad}}`)
    assert.ok(out, bad)
    assert.equal(out.arrays.length, 0, bad)
    assert.equal(out.skeleton, `{"v":${bad}}`)
  }
})

test('a literal that overflows a double gives up the extraction', () => {
  assert.equal(extractNumberArrays('{"v":[1, 1e999]}'), undefined)
  assert.equal(extractNumberArrays(`{"v":[-${'9'.repeat(400)}]}`), undefined)
})

// All arrays of one text are views of one growing buffer: each view must keep its own values when the
// buffer grows (past 4,096 values) and when a later bracket turns out not to hold a number array.
test('many arrays in one text, with rejected ones in between, keep their own values', () => {
  const rng = createXoshiro128(2, 5)
  const rows = Array.from({length: 300}, (_, k) =>
    Array.from({length: 1 + rng.nextInt(60)}, () => Number(((rng.nextFloat() - 0.5) * 10 ** (k % 5)).toFixed(6))),
  )
  const text = JSON.stringify({rows, bad: rows.map((r) => [...r.slice(0, 3), 'x'])})
  const out = extractNumberArrays(text)
  assert.ok(out)
  assert.equal(out.arrays.length, rows.length)
  rows.forEach((r, k) => assertSameBits(out.arrays[k], r, r.map(String)))
})

// The array loop reads `-?digits.digits` (≤ 15 digits, then `,` or `]`) inline and hands everything else
// to the general readers from the literal's start: both sides of each of those edges must agree with JSON.parse.
test('literals at the edges of the inline decimal path equal JSON.parse bit for bit', () => {
  const edges = [
    '12345678901234.5', // 15 digits: inline
    '123456789012345.6', // 16: general
    '0.12345678901234', // 15 with the leading zero
    '0.123456789012345', // 16 with the leading zero
    '-9.99999999999999',
    '0.00000000000001',
    '9.5',
    '10.25',
    '-0.5',
    '7', // no dot: general
    '-70',
    '2.5e3', // exponent after the fraction: general
    '2.5E-3',
  ]
  checkLiterals(edges)
  checkLiterals([...edges].reverse())
  // spaces around commas and before the closing bracket send the literal to the general readers
  const spaced = `{"v":[ ${edges.join(' , ')} ],"w":[1.5 ,2.5\t,\n3.5 ]}`
  const out = extractNumberArrays(spaced)
  assert.ok(out)
  const doc = JSON.parse(spaced)
  assertSameBits(out.arrays[0], doc.v, edges)
  assertSameBits(out.arrays[1], doc.w, ['1.5', '2.5', '3.5'])
})

// The skeleton is assembled as bytes and decoded once: placeholders of one to three digits, and UTF-8
// text (2-, 3- and 4-byte characters) right next to the cuts, must come out as the text with each
// array replaced by its placeholder.
test('the skeleton keeps multi-byte text beside the cuts and numbers placeholders past 9 and 99', () => {
  const texts = ['é', 'ü€', '𝄞x', '"', 'naïve 日本']
  const doc = {
    items: Array.from({length: 120}, (_, k) => ({t: texts[k % texts.length] + k, v: [k + 0.5, -k - 1]})),
    tail: '∑',
  }
  const text = JSON.stringify(doc)
  const out = extractNumberArrays(text)
  assert.ok(out)
  assert.equal(out.arrays.length, 120)
  let k = 0
  const expected = text.replace(/\[[-0-9.,]+\]/g, () => `[${k++}]`)
  assert.equal(out.skeleton, expected)
  out.arrays.forEach((a, j) => assert.deepEqual(Array.from(a), [j + 0.5, -j - 1]))
})
