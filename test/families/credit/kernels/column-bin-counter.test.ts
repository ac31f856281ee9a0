// The column-major bin counter (src/families/credit/kernels/column-bin-counter.ts) must count every cell into the
// bin byteBinAssigner gives it (the per-cell definition), for both closed sides, specials, missing tokens, unseen
// levels and odd literals, and stop at the first number that overflows a double.
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {columnBinCounter} from '../../../../src/families/credit/kernels/column-bin-counter.js'
import {byteBinAssigner, type FeatureBinning} from '../../../../src/families/credit/kernels/feature-binning.js'

const CELLS = [
  '',
  ' ',
  'NA',
  'nan',
  '-999',
  '-999.0',
  ' -999 ',
  '10',
  '10.0',
  '1e1',
  '+10',
  '-0',
  '0',
  '2.5',
  '2.49999',
  '50',
  '50.000000000000001',
  '9007199254740993',
  '1e-400',
  'inf',
  'abc',
  'k0',
  'k1',
  'a, b',
  'caf\u00e9',
  ' 7 ',
  '.5',
]

const numeric = (closed: 'left' | 'right'): FeatureBinning => ({
  type: 'numeric',
  feature: 'x',
  method: 'quantile',
  missing: true,
  special: ['-999', 'abc'],
  labels: ['a', 'b', 'c', 'd', 'e', 'Missing', '-999', 'abc'],
  closed,
  edges: [0, 2.5, 10, 50],
})
const categorical: FeatureBinning = {
  type: 'categorical',
  feature: 'c',
  method: 'quantile',
  missing: false,
  special: ['-999'],
  labels: ['k', 'a', '-999'],
  groups: [
    ['k0', 'k1'],
    ['a, b', '10'],
  ],
}

/** The cells as one column of a byte batch (width 2: the column is cell 0 of each row). */
function batch(cells: readonly string[]) {
  const parts = cells.map((c) => Buffer.from(c, 'utf8'))
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length + 1, 0))
  const starts = new Int32Array(2 * cells.length)
  const ends = new Int32Array(2 * cells.length)
  let at = 0
  parts.forEach((p, r) => {
    bytes.set(p, at)
    starts[2 * r] = at
    ends[2 * r] = at + p.length
    starts[2 * r + 1] = ends[2 * r + 1] = at + p.length
    at += p.length + 1
  })
  return {bytes, starts, ends}
}

for (const b of [numeric('right'), numeric('left'), categorical]) {
  test(`${b.type} ${b.type === 'numeric' ? b.closed : ''}: counts equal byteBinAssigner cell by cell`, () => {
    let s = 3
    const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32
    const cells = Array.from({length: 5000}, () => CELLS[Math.floor(rand() * CELLS.length)])
    const {bytes, starts, ends} = batch(cells)
    const assign = byteBinAssigner(b)
    const expected = new Float64Array(b.labels.length)
    let unmatched = 0
    cells.forEach((_, r) => {
      const bin = assign(bytes, starts[2 * r], ends[2 * r])
      if (bin < 0) unmatched++
      else expected[bin]++
    })
    const counter = columnBinCounter(b)
    assert.equal(counter.count(bytes, starts, ends, 0, 2, 2000), -1)
    assert.equal(counter.count(bytes, starts.subarray(4000), ends.subarray(4000), 0, 2, 3000), -1)
    assert.deepStrictEqual(counter.counts, expected)
    assert.equal(counter.unmatched, unmatched)
  })
}

test('a number overflowing a double stops the column at its row', () => {
  const {bytes, starts, ends} = batch(['1', '2', '1e999', '3'])
  const counter = columnBinCounter(numeric('right'))
  assert.equal(counter.count(bytes, starts, ends, 0, 2, 4), 2)
  assert.match(counter.error!.message, /expected a finite number, got "1e999"/)
  assert.equal(counter.counts[1], 2) // the rows before it are counted, 1 and 2 in (0, 2.5]
})
