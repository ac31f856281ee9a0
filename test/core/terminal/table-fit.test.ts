/**
 * Tables fitted to the terminal width (issue 18: `doctor` printed 223 columns): text columns wrap, numbers
 * never change, and without a width (piped output) nothing changes. The widths are forced, as COLUMNS does.
 */
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {textColumnCap, visibleWidth, wrapText, MIN_TEXT_COLUMN} from '../../../src/core/terminal/table-fit.js'
import {terminalColumns} from '../../../src/core/terminal/terminal-width.js'
import {renderKeyValues, renderTable} from '../../../src/core/terminal/terminal.js'
import {runCli} from '../../helpers/cli.js'

const widest = (text: string) => Math.max(...text.split('\n').map(visibleWidth))
const PROSE =
  '@tensorflow/tfjs-node-gpu is not installed; to add it: npm install @tensorflow/tfjs-node-gpu@4.22.0 (needs CUDA)'

describe('wrapText', () => {
  it('wraps prose at spaces and loses no word', () => {
    const lines = wrapText(PROSE, 30).split('\n')
    for (const l of lines) assert.ok(visibleWidth(l) <= 30, l)
    assert.equal(lines.join('').replace(/\s/g, ''), PROSE.replace(/\s/g, ''))
  })
  it('wraps an identifier after its separators and loses no character', () => {
    const name = 'model.layers.11.self_attn.q_proj.weight'
    const lines = wrapText(name, 12).split('\n')
    assert.deepEqual(lines, ['model.', 'layers.11.', 'self_attn.', 'q_proj.', 'weight'])
  })
  it('breaks a word with no separator hard, at the width', () =>
    assert.deepEqual(wrapText('abcdefghijklmnopq', 5).split('\n'), ['abcde', 'fghij', 'klmno', 'pq']))
  it('counts a combining accent as no column (α̂ is one)', () => assert.equal(visibleWidth('α̂'), 1))
})

describe('textColumnCap (water-filling)', () => {
  // frame for 3 columns = 10; the number column keeps its 6; 40 − 16 = 24 columns for the two text columns
  it('leaves the narrow text column and gives the wide one the rest', () =>
    assert.equal(textColumnCap([10, 6, 50], [true, false, true], 40), 14))
  it('caps both when both are wide', () => assert.equal(textColumnCap([30, 6, 50], [true, false, true], 40), 12))
  it('is Infinity when the table fits', () =>
    assert.equal(textColumnCap([10, 6, 10], [true, false, true], 40), Infinity))
  it('stops at the minimum, wider than asked', () =>
    assert.equal(textColumnCap([30, 60, 50], [true, false, true], 40), MIN_TEXT_COLUMN))
})

describe('renderTable and renderKeyValues at a forced width', () => {
  const rows = [
    ['tensorflow-gpu', 0.123456, PROSE],
    ['model.layers.11.self_attn.q_proj.weight', 12345678, 'ok'],
  ]
  for (const width of [40, 60, 80]) {
    it(`every line fits ${width} columns, every number is printed whole`, () => {
      const text = renderTable(['name', 'value', 'detail'], rows, width)
      assert.ok(widest(text) <= width, `${widest(text)} > ${width}:\n${text}`)
      assert.match(text, / 0\.1235 /)
      assert.match(text, / 12345678 /)
    })
  }
  it('without a width (piped), the table is as before: one line per row', () => {
    const text = renderTable(['name', 'value', 'detail'], rows, undefined)
    assert.equal(text.split('\n').length, 5)
    assert.ok(text.includes(PROSE))
  })
  it('a number-like text column (shapes, formatted numbers) is never wrapped', () => {
    const text = renderTable(['shape', 'alpha', 'name'], [['4096×11008', '2.345', 'x'.repeat(200)]], 40)
    assert.match(text, /│ 4096×11008 │ 2\.345 │/)
  })
  it('key/value tables wrap the value', () => {
    const text = renderKeyValues([['float64 linear algebra', PROSE]], 50)
    assert.ok(widest(text) <= 50, text)
  })
})

describe('terminalColumns', () => {
  it('COLUMNS wins', () => assert.equal(terminalColumns({COLUMNS: '72'}, {isTTY: true, columns: 200}), 72))
  it('a terminal gives its width', () => assert.equal(terminalColumns({}, {isTTY: true, columns: 120}), 120))
  it('a pipe has none', () => assert.equal(terminalColumns({}, {isTTY: false}), undefined))
  it('a COLUMNS that is not a positive integer is ignored', () => {
    for (const junk of ['', '0', '-5', 'wide', '80.5']) assert.equal(terminalColumns({COLUMNS: junk}, {}), undefined)
  })
})

describe('infolens doctor with COLUMNS=80 (was 223 columns wide)', () => {
  it('fits 80 columns', () => {
    const r = runCli(['doctor'], {env: {COLUMNS: '80'}})
    assert.equal(r.status, 0, r.stderr)
    assert.ok(widest(r.stdout) <= 80, r.stdout)
    assert.match(r.stdout, /tensorflow-gpu/)
  })
})
