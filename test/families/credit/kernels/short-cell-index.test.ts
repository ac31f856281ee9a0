/**
 * The short-cell memo (src/families/credit/kernels/short-cell-index.ts) answers what a Map from the cell's text
 * answers, for every cell of 1 to 8 bytes, and nothing for others; it tells apart cells whose packed bytes agree
 * ("1" and "1\0"), stops storing at its limit and switches itself off after as many misses. And the profiler's
 * column loop, which consults it before parsing, gives the profile the per-cell text path gives on columns that
 * repeat their texts in many spellings.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {ShortCellIndex} from '../../../../src/families/credit/kernels/short-cell-index.js'
import {ColumnProfiler} from '../../../../src/families/credit/kernels/column-profile.js'

const encoder = new TextEncoder()

/** The cells in one buffer, with a separator byte between them (as a CSV line has), and their ranges. */
function inBuffer(cells: readonly string[]): {bytes: Uint8Array; starts: Int32Array; ends: Int32Array} {
  const parts = cells.map((c) => encoder.encode(c))
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length + 1, 0)).fill(44)
  const starts = new Int32Array(cells.length)
  const ends = new Int32Array(cells.length)
  let at = 0
  parts.forEach((p, i) => {
    bytes.set(p, at)
    starts[i] = at
    ends[i] = at + p.length
    at += p.length + 1
  })
  return {bytes, starts, ends}
}

/** A seeded stream of short texts over a small alphabet (so many share prefixes and packed words). */
function randomCells(n: number, seed: number): string[] {
  let s = seed
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32
  const alphabet = '0123456789.-e+ \u0000\u00e9'
  return Array.from({length: n}, () => {
    const length = Math.floor(rand() * 11) // 0 to 10 characters: some empty, some too long
    let cell = ''
    for (let i = 0; i < length; i++) cell += alphabet[Math.floor(rand() * alphabet.length)]
    return cell
  })
}

test('get answers what a Map of the texts answers, for 1 to 8 bytes; −1 for empty and longer cells', () => {
  const cells = randomCells(40_000, 7)
  const {bytes, starts, ends} = inBuffer(cells)
  const index = new ShortCellIndex()
  const reference = new Map<string, number>()
  cells.forEach((cell, i) => {
    const length = ends[i] - starts[i]
    const expected = length >= 1 && length <= 8 ? (reference.get(cell) ?? -1) : -1
    assert.equal(index.get(bytes, starts[i], ends[i]), expected, JSON.stringify(cell))
    if (expected < 0) {
      index.set(bytes, starts[i], ends[i], i)
      if (length >= 1 && length <= 8) reference.set(cell, i)
    }
  })
  assert.ok(reference.size > 1000 && index.size === reference.size)
  // every stored text still answers its first value after the table grew
  cells.forEach((cell, i) => assert.equal(index.get(bytes, starts[i], ends[i]), reference.get(cell) ?? -1))
})

test('cells whose packed bytes agree but whose lengths differ are different keys', () => {
  const cells = ['1', '1\u0000', '1\u0000\u0000\u0000', '1\u0000\u0000\u0000\u0000', '12345678', '1234567', '1234']
  const {bytes, starts, ends} = inBuffer(cells)
  const index = new ShortCellIndex()
  cells.forEach((_, i) => index.set(bytes, starts[i], ends[i], 10 + i))
  cells.forEach((cell, i) => assert.equal(index.get(bytes, starts[i], ends[i]), 10 + i, JSON.stringify(cell)))
})

test('at its limit it stores no more, and after as many misses it answers −1 for everything', () => {
  const cells = Array.from({length: 40}, (_, i) => String(i))
  const {bytes, starts, ends} = inBuffer(cells)
  const index = new ShortCellIndex(8)
  cells.slice(0, 8).forEach((_, i) => index.set(bytes, starts[i], ends[i], i))
  for (let i = 8; i < 16; i++) {
    index.set(bytes, starts[i], ends[i], i)
    assert.equal(index.get(bytes, starts[i], ends[i]), -1)
  }
  assert.equal(index.size, 8)
  assert.ok(index.active)
  assert.equal(index.get(bytes, starts[3], ends[3]), 3)
  index.set(bytes, starts[16], ends[16], 16) // the ninth miss once full
  assert.ok(!index.active)
  assert.equal(index.get(bytes, starts[3], ends[3]), -1)
})

test('the profiler column loops (number memo, known levels) equal the per-cell text path on repeated spellings', () => {
  const spellings = ['1', '1.0', '01', '1e0', '-0', '0', '0.00', '2.5', '2.50', '-7', '-7.000', '12345.67', '1e-400']
  const columns = [
    Array.from({length: 3000}, (_, i) => spellings[(i * 7) % spellings.length]),
    // a long number, then a text cell that shares the first 8 bytes of a number: the column turns categorical
    [...Array.from({length: 50}, (_, i) => spellings[i % spellings.length]), '123456789', '12345.67x', '1.0', '01'],
    // a NUL after a number: no number, so text; the memo must not take it for '1'
    ['1', '2', '1', '1\u0000', '2', '1'],
    // levels, missing tokens and white space, repeated
    Array.from({length: 500}, (_, i) => ['a', 'b', 'NA', '', 'a ', 'caf\u00e9', 'b', '7'][(i * 5) % 8]),
  ]
  const options = [
    {categorical: false, special: [], maxDistinct: 2 ** 18},
    {categorical: false, special: [], maxDistinct: 4},
    {categorical: true, special: []},
    {categorical: true, special: [], maxLevels: 3},
  ]
  for (const cells of columns)
    for (const option of options) {
      const byText = new ColumnProfiler('c', option)
      const byColumn = new ColumnProfiler('c', option)
      const {bytes, starts, ends} = inBuffer(cells)
      const slots = Uint8Array.from(cells, (_, i) => ((i * 13) % 3 === 0 ? 1 : 0))
      cells.forEach((cell, i) => byText.add(cell, slots[i]))
      assert.equal(byColumn.addColumn(bytes, starts, ends, 0, 1, cells.length, slots), -1)
      assert.deepEqual(byColumn.finish(), byText.finish(), `${cells.slice(-4).join('|')} ${JSON.stringify(option)}`)
      assert.deepEqual(byColumn.history(), byText.history())
    }
})
