/**
 * The byte readers of a cell equal the text readers on the decoded cell: parseNumericBytes is bit-identical to
 * parseNumericCell (itself tested against trim + grammar + Number), cellText to TextDecoder, and the byte entry
 * points of the profiler and the bin assigner give what their text entry points give.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {cellText, parseNumericBytes} from '../../../../src/families/credit/kernels/cell-bytes.js'
import {parseNumericCell} from '../../../../src/families/credit/kernels/cell-value.js'
import {ColumnProfiler} from '../../../../src/families/credit/kernels/column-profile.js'
import {
  binAssigner,
  byteBinAssigner,
  type FeatureBinning,
} from '../../../../src/families/credit/kernels/feature-binning.js'

const encoder = new TextEncoder()

const TRICKY = [
  ...['', ' ', '0', '-0', '+0', '0.0', '-0.0', '-0e5', '00012', '1.', '.5', '-.5', '+.5', '.', '-', '+', '-.'],
  ...['1e', '1e+', 'e5', '.e1', '1e5', '1E-5', '2.5e+3', '1.5e-22', '1.5e22', '1e23', '1e-23', '1e22', '1e-22'],
  ...['123456789012345678', '9007199254740993', '9007199254740992', '9007199254740991', '900719925474099.7'],
  ...['12345678901234567890123', '-12345678901234567890123', '0.1', '0.3', '0.30000000000000004'],
  ...['3.14159265358979323846', '1.7976931348623157e308', '1.8e308', '1e999', '-1e999', '4.9e-324', '2e-324'],
  ...['1e-400', '1e400', '0e999999', '00000000000000000000000001.5', '0.000000000000000000000000001'],
  ...[' 12 ', '\t3', '3\r', '\u00a05', '5\u2003', '\ufeff7', '0x10', 'Infinity', '-Infinity', 'inf', 'NaN'],
  ...['nan', 'NA', 'N/A', 'null', '1_000', '1,5', '1.2.3', '--1', '+-1', '1e5.5', '١٢', '12a', 'a12', '1 2'],
  ...['8.98846567431158e307', '123456.789e-10', '999999999999999.9', '0.1e-22', '5e-22', 'é', '1é', 'é1'],
  // 17 significant digits: the shortest round trip of many doubles, past the fast path's 2^53 accumulator
  ...['0.12345678901234567', '1.2345678901234567e-300', '-9.8765432109876543e+200', '12345678901234567e-5'],
]

/** The tricky cells without the literals that overflow a double (refused, tested apart). */
const FINITE_OR_TEXT = TRICKY.filter((c) => !(Math.abs(parseNumericCell(c)) === Number.POSITIVE_INFINITY))

/** A random decimal literal: sign, 1-20 digits with a point somewhere, maybe an exponent. */
function randomLiteral(rand: () => number): string {
  const digits = Array.from({length: 1 + Math.floor(rand() * 20)}, () => String(Math.floor(rand() * 10))).join('')
  const point = Math.floor(rand() * (digits.length + 1))
  let s = rand() < 0.3 ? digits : `${digits.slice(0, point)}.${digits.slice(point)}`
  if (s === '.') s = '0.'
  if (rand() < 0.3) s = `${rand() < 0.5 ? '-' : ''}${s}`
  if (rand() < 0.4) s += `e${rand() < 0.5 ? '-' : ''}${Math.floor(rand() * 40)}`
  return s
}

/** Cells placed inside a larger buffer (other bytes around them), as the CSV reader hands them over. */
function inBuffer(cells: readonly string[]): {bytes: Uint8Array; ranges: [number, number][]} {
  const parts = cells.map((c) => encoder.encode(c))
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length + 2, 0))
  const ranges: [number, number][] = []
  let at = 0
  for (const p of parts) {
    bytes[at++] = 0x39 // a digit before the cell: a reader running past `start` or `end` would be caught
    bytes.set(p, at)
    ranges.push([at, at + p.length])
    at += p.length
    bytes[at++] = 0x37
  }
  return {bytes, ranges}
}

test('parseNumericBytes is bit-identical to parseNumericCell of the decoded text (tricky and 200,000 random)', () => {
  let seed = 7
  const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32
  const cells = [...TRICKY, ...Array.from({length: 200_000}, () => randomLiteral(rand))]
  const {bytes, ranges} = inBuffer(cells)
  cells.forEach((cell, i) => {
    const got = parseNumericBytes(bytes, ranges[i][0], ranges[i][1])
    assert.ok(Object.is(got, parseNumericCell(cell)), `${JSON.stringify(cell)}: ${got} vs ${parseNumericCell(cell)}`)
  })
})

test('cellText decodes like TextDecoder, invalid bytes as U+FFFD', () => {
  const decoder = new TextDecoder('utf-8', {ignoreBOM: true})
  const samples = [[], [0xef, 0xbb, 0xbf, 0x31], [0x61], [0xc3, 0xa9], [0xe9], [0x61, 0xff, 0x62], Array(40).fill(0x41)]
  for (const s of samples) {
    const bytes = Uint8Array.from(s)
    assert.equal(cellText(bytes, 0, bytes.length), decoder.decode(bytes))
  }
})

test('ColumnProfiler.addBytes gives the profile add gives, on columns that stay numeric or turn text', () => {
  const columns = [
    FINITE_OR_TEXT,
    ['1', '2.50', '-0', '0', 'NA', '', '3e2', '300', '1.0'],
    ['1.50', '2', 'x', '1.50', '2', 'NA', 'x'],
    ['12345678901234567890123', '5', '12345678901234567890124'],
    ['7', '-999', ' -999 ', '-999.0', 'a', 'NA'],
  ]
  for (const cells of columns) {
    for (const options of [
      {categorical: false, special: []},
      {categorical: false, special: ['-999', 'x']},
      {categorical: true, special: ['NA']},
      {categorical: false, special: [], maxLevels: 3},
    ]) {
      const byText = new ColumnProfiler('c', options)
      const byBytes = new ColumnProfiler('c', options)
      const {bytes, ranges} = inBuffer(cells)
      cells.forEach((cell, i) => {
        byText.add(cell, i % 2)
        byBytes.addBytes(bytes, ranges[i][0], ranges[i][1], i % 2)
      })
      assert.deepEqual(byBytes.finish(), byText.finish(), `${JSON.stringify(cells)} ${JSON.stringify(options)}`)
    }
  }
})

test('byteBinAssigner equals binAssigner on the decoded cell (numeric and categorical binnings, specials)', () => {
  const binnings: FeatureBinning[] = [
    {
      feature: 'x',
      type: 'numeric',
      method: 'quantile',
      closed: 'right',
      edges: [-1, 0, 2.5, 1e300],
      missing: true,
      special: ['-999', 'x'],
      labels: [],
    },
    {
      feature: 'x',
      type: 'numeric',
      method: 'tree',
      closed: 'left',
      edges: [0],
      missing: false,
      special: [],
      labels: [],
    },
    {
      feature: 'c',
      type: 'categorical',
      method: 'quantile',
      groups: [['a', 'b'], ['1.0'], [' 2'], ['é']],
      missing: true,
      special: ['zz'],
      labels: [],
    },
  ]
  const cells = [...FINITE_OR_TEXT, 'a', 'b', '1.0', ' 2', 'é', 'zz', '-999', ' x ']
  const {bytes, ranges} = inBuffer(cells)
  for (const b of binnings) {
    const text = binAssigner(b)
    const byte = byteBinAssigner(b)
    for (let rep = 0; rep < 2; rep++) {
      cells.forEach((cell, i) =>
        assert.equal(byte(bytes, ranges[i][0], ranges[i][1]), text(cell), JSON.stringify(cell)),
      )
    }
  }
})

test('a number that overflows a double is refused by both assigners, as credit bin refuses it', () => {
  const b: FeatureBinning = {
    feature: 'x',
    type: 'numeric',
    method: 'quantile',
    closed: 'right',
    edges: [0],
    missing: true,
    special: [],
    labels: [],
  }
  const {bytes, ranges} = inBuffer(['1e999', '-1e999'])
  for (const [s, e] of ranges) assert.throws(() => byteBinAssigner(b)(bytes, s, e), /expected a finite number/)
  assert.throws(() => binAssigner(b)('1e999'), /expected a finite number/)
  assert.equal(binAssigner(b)('inf'), -1) // text, not a number: matches no range, like an unseen category
  assert.equal(binAssigner(b)('nan'), 2) // a missing token: the Missing bin (after the 2 ranges)
})
