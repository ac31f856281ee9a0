import {test} from 'node:test'
import assert from 'node:assert/strict'
import {existsSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {runCli, tempDir} from '../../../helpers/cli.js'
import {germanCsv} from './german-split.js'

const dir = tempDir('infolens-credit-bad-')
const file = (name: string, text: string) => {
  const p = join(dir, name)
  writeFileSync(p, text)
  return p
}

/** Runs credit bin expecting exit 2, one stderr line `infolens: error: <file>: <field>: …`, and no --out file. */
function expectInputError(args: string[], pattern: RegExp): void {
  const out = join(dir, `out-${Math.random().toString(36).slice(2)}.json`)
  const r = runCli(['credit', 'bin', ...args, '--out', out])
  assert.equal(r.status, 2, r.stderr)
  assert.equal(r.stdout, '')
  assert.match(r.stderr, pattern)
  assert.equal(r.stderr.split('\n').length, 2, 'one line')
  assert.ok(!existsSync(out))
}

test('missing target column', () => {
  expectInputError(
    [germanCsv, '--target', 'default_flag'],
    /^infolens: error: .*germancredit\.csv: default_flag: target column not found/,
  )
})

test('single-class target', () => {
  const p = file('single.csv', 'x,y\n1,0\n2,0\n3,0\n')
  expectInputError(
    [p, '--target', 'y'],
    /^infolens: error: .*single\.csv: y: single class \(0\): expected a binary target with two classes\n$/,
  )
})

test('three classes in the target', () => {
  const p = file('three.csv', 'x,y\n1,0\n2,1\n3,2\n')
  expectInputError(
    [p, '--target', 'y'],
    /^infolens: error: .*three\.csv: y: more than two classes \(0, 1, 2\): expected a binary target\n$/,
  )
})

test('unknown --bad value', () => {
  expectInputError(
    [germanCsv, '--target', 'creditability', '--bad', 'default'],
    /^infolens: error: .*germancredit\.csv: creditability: --bad value "default" not found \(classes: good, bad\)\n$/,
  )
})

test('ragged CSV row names the line', () => {
  const p = file('ragged.csv', 'x,z,y\n1,a,0\n2,b\n3,c,1\n')
  expectInputError([p, '--target', 'y'], /^infolens: error: .*ragged\.csv: line 3: expected 3 fields, found 2\n$/)
})

test('empty file', () => {
  const p = file('empty.csv', '')
  expectInputError([p, '--target', 'y'], /^infolens: error: .*empty\.csv: empty file: expected a header line\n$/)
})

test('unclosed quote names the line', () => {
  const p = file('quote.csv', 'x,y\n1,0\n"2,1\n')
  expectInputError([p, '--target', 'y'], /^infolens: error: .*quote\.csv: line \d+: quoted field not closed\n$/)
})

test('non-positive --zero-fill', () => {
  expectInputError(
    [germanCsv, '--target', 'creditability', '--zero-fill', '0'],
    /^infolens: error: --zero-fill: expected a number > 0, got "0"\n$/,
  )
})
