import {test} from 'node:test'
import assert from 'node:assert/strict'
import {parseNumericCell} from '../../../../src/families/credit/kernels/cell-value.js'

/** The definition the fast parser must reproduce exactly: trim, the decimal grammar, Number(). */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/
function reference(cell: string): number {
  const t = cell.trim()
  return DECIMAL.test(t) ? Number(t) : Number.NaN
}

const TRICKY = [
  '',
  ' ',
  '0',
  '-0',
  '+0',
  '0.0',
  '-0.0',
  '00012',
  '1.',
  '.5',
  '-.5',
  '+.5',
  '.',
  '-',
  '+',
  '-.',
  '1e',
  '1e+',
  'e5',
  '.e1',
  '1e5',
  '1E-5',
  '2.5e+3',
  '1.5e-22',
  '1.5e22',
  '1e23',
  '1e-23',
  '123456789012345678',
  '9007199254740993',
  '9007199254740992',
  '900719925474099.7',
  '0.1',
  '0.3',
  '0.30000000000000004',
  '3.14159265358979323846',
  '1.7976931348623157e308',
  '1.8e308',
  '4.9e-324',
  '2e-324',
  '1e-400',
  '1e400',
  '0e999999',
  '00000000000000000000000001.5',
  '0.000000000000000000000000001',
  ' 12 ',
  '\t3',
  '3\r',
  '\u00a05',
  '5\u2003',
  '0x10',
  'Infinity',
  '-Infinity',
  'NaN',
  '1_000',
  '1,5',
  '1.2.3',
  '--1',
  '+-1',
  '1e5.5',
  '١٢',
  '12a',
  'a12',
  '1 2',
  '8.98846567431158e307',
  '123456.789e-10',
  '999999999999999.9',
  '0.1e-22',
  '5e-22',
]

test('the fast decimal parser equals trim + grammar + Number on tricky literals', () => {
  for (const s of TRICKY)
    assert.ok(
      Object.is(parseNumericCell(s), reference(s)),
      `${JSON.stringify(s)}: ${parseNumericCell(s)} vs ${reference(s)}`,
    )
})

test('the fast decimal parser equals trim + grammar + Number on 200,000 random literals', () => {
  let seed = 2024
  const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32
  const pick = (chars: string) => chars[Math.floor(rand() * chars.length)]
  const digits = (k: number) => Array.from({length: k}, () => pick('0123456789')).join('')
  for (let t = 0; t < 200_000; t++) {
    let s = ''
    if (rand() < 0.1) s += pick(' \t')
    if (rand() < 0.3) s += pick('+-')
    s += digits(Math.floor(rand() * (rand() < 0.2 ? 25 : 9)))
    if (rand() < 0.6) s += '.' + digits(Math.floor(rand() * (rand() < 0.2 ? 25 : 8)))
    if (rand() < 0.3) s += pick('eE') + (rand() < 0.5 ? pick('+-') : '') + digits(Math.floor(rand() * 4))
    if (rand() < 0.05) s += pick('x. e+-a')
    if (rand() < 0.1) s += pick(' \t')
    assert.ok(
      Object.is(parseNumericCell(s), reference(s)),
      `${JSON.stringify(s)}: ${parseNumericCell(s)} vs ${reference(s)}`,
    )
  }
})

test('shortest round-trip text of random doubles parses back to the same double', () => {
  let seed = 7
  const rand = () => (seed = (Math.imul(seed, 22695477) + 1) >>> 0) / 2 ** 32
  for (let t = 0; t < 100_000; t++) {
    const x = (rand() - 0.5) * 10 ** Math.floor(rand() * 40 - 20)
    const text = rand() < 0.5 ? String(x) : x.toExponential(Math.floor(rand() * 17))
    assert.ok(Object.is(parseNumericCell(text), Number(text)), text)
  }
})
