/**
 * Non-finite numbers (issue 18, items 7 and 11): JSON cannot say NaN or Infinity, but a literal too large
 * for a double (`1e999`, 400 digits) parses to Infinity. In uq items and questions, school params and any
 * JSON read by readJsonFile it is exit 2 naming the file, the line and the field; `NaN` stays a parse error.
 */
import assert from 'node:assert/strict'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {InputError} from '../../src/core/errors.js'
import {readJsonFile} from '../../src/core/io/json-file.js'
import {nonFiniteField} from '../../src/core/io/non-finite.js'
import {readParamsFile} from '../../src/families/school/io/params-file.js'
import {runCli, tempDir} from '../helpers/cli.js'

const ONE_LINE = /^infolens: error: [^\n]+\n$/
const fixtureLines = readFileSync(new URL('../fixtures/uq/dataset.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')

function refused(args: string[], dir: string, pattern: RegExp): void {
  const out = join(dir, 'report.json')
  const r = runCli([...args, '--out', out])
  assert.equal(r.status, 2, r.stderr)
  assert.match(r.stderr, ONE_LINE)
  assert.match(r.stderr, pattern)
  assert.ok(!existsSync(out))
}

describe('uq items with an overflowing number', () => {
  const big = '1' + '0'.repeat(400)
  const cases: [string, (line: string) => string, RegExp][] = [
    [
      'an input embedding 1e999',
      (l) => l.replace(/("embedding":\s*\[)([^,\]]+)/, '$11e999'),
      /items\.jsonl:2: runs\[0\]\.inputs\[0\]\.embedding\[0\]: expected a finite number, got 1e999/,
    ],
    [
      'a response embedding -1e999',
      (l) => l.replace(/("responses":\s*\[\{[^\]]*?"embedding":\s*\[)([^,\]]+)/, '$1-1e999'),
      /items\.jsonl:2: runs\[0\]\.inputs\[0\]\.responses\[0\]\.embedding\[0\]: expected a finite number, got -1e999/,
    ],
    [
      'a 401-digit temperature',
      (l) => l.replace(/"temperature":\s*[\d.]+/, `"temperature": ${big}`),
      /items\.jsonl:2: runs\[0\]\.temperature: expected a finite number, got 1000000000/,
    ],
  ]
  for (const [label, damage, pattern] of cases) {
    it(`${label}: exit 2 with file:line and field`, () => {
      const dir = tempDir()
      const line = damage(fixtureLines[2])
      assert.notEqual(line, fixtureLines[2], 'the damage applied')
      writeFileSync(join(dir, 'items.jsonl'), [fixtureLines[0], line].join('\n') + '\n')
      refused(['uq', 'score', join(dir, 'items.jsonl')], dir, pattern)
    })
  }

  it('NaN is not JSON: a parse error on that line', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'items.jsonl'), fixtureLines[2].replace(/("embedding":\s*\[)([^,\]]+)/, '$1NaN') + '\n')
    refused(['uq', 'score', join(dir, 'items.jsonl')], dir, /items\.jsonl:1: \(json\): expected one JSON object/)
  })

  it('uq perturb questions with 1e999 in any field', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'q.jsonl'), '{"id": "a", "question": "Who wrote Babbitt?", "weight": 1e999}\n')
    const r = runCli(['uq', 'perturb', join(dir, 'q.jsonl'), join(dir, 'out.jsonl'), '--wordnet', 'none'])
    assert.equal(r.status, 2, r.stderr)
    assert.match(r.stderr, /q\.jsonl:1: weight: expected a finite number, got 1e999/)
  })
})

describe('school params JSON', () => {
  const dir = tempDir()
  const write = (name: string, text: string) => {
    const p = join(dir, name)
    writeFileSync(p, text)
    return p
  }

  it('1e999 names the file, line and key (it said "got null")', () => {
    const p = write('big.json', '{\n  "noise": 0.1,\n  "speed": 1e999\n}\n')
    assert.throws(
      () => readParamsFile(p),
      (e: unknown) =>
        e instanceof InputError &&
        e.oneLine === `${p}:3: speed: expected a finite number, got 1e999 (too large for a double)`,
    )
    const r = runCli(['school', 'simulate', '--params', p, '--steps', '2'])
    assert.equal(r.status, 2, r.stderr)
    assert.match(r.stderr, /big\.json:3: speed: expected a finite number, got 1e999/)
    assert.doesNotMatch(r.stderr, /null/)
  })

  it('"__proto__" and "constructor" are unknown parameters, not silently ignored', () => {
    for (const key of ['__proto__', 'constructor', 'toString']) {
      const p = write(`${key}.json`, `{"${key}": {"noise": 5}}`)
      assert.throws(
        () => readParamsFile(p),
        (e: unknown) => e instanceof InputError && e.field === key && /unknown parameter/.test(e.message),
        key,
      )
    }
  })

  it('readJsonFile and the walker: finite numbers pass, nested overflow is found', () => {
    assert.equal(nonFiniteField({a: [1, 2, {b: -0.5e308}]}), undefined)
    assert.equal(nonFiniteField({a: [1, 2, {b: -Infinity}]}), 'a[2].b')
    assert.equal(nonFiniteField([Infinity]), '[0]')
    const p = write('nested.json', '{"a": [1, {"b": 2e400}]}')
    assert.throws(
      () => readJsonFile(p, 'x'),
      (e: unknown) => e instanceof InputError && e.field === 'a[1].b',
    )
  })
})
