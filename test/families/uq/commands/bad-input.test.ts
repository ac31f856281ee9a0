/** Bad inputs: exit 2, one stderr line `infolens: error: FILE:LINE: field: expected…`, no report file; --skip-bad counts. */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {runCli, runCliJson, tempDir} from '../../../helpers/cli.js'
import {assertMatchesSchema} from '../../../helpers/schema.js'

const fixtureLines = readFileSync(new URL('../../../fixtures/uq/dataset.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
const good = () => JSON.parse(fixtureLines[2])

function writeLines(lines: string[]): string {
  const file = join(tempDir('infolens-uq-'), 'items.jsonl')
  writeFileSync(file, lines.join('\n') + '\n')
  return file
}

function expectInputError(args: string[], file: string, pattern: RegExp): void {
  const out = join(tempDir('infolens-uq-out-'), 'report.json')
  const r = runCli([...args, '--out', out])
  assert.equal(r.status, 2, r.stderr)
  const lines = r.stderr.trim().split('\n')
  assert.equal(lines.length, 1, r.stderr)
  assert.ok(lines[0].startsWith(`infolens: error: ${file}:`), lines[0])
  assert.match(lines[0], pattern)
  assert.equal(existsSync(out), false)
}

const broken: [string, (item: any) => string, RegExp][] = [
  ['malformed JSON', () => '{"id": "x", "runs": [', /:1: \(json\): expected one JSON object per line/],
  ['missing runs', (it) => JSON.stringify({...it, runs: undefined}), /:1: runs: required field is missing$/],
  [
    'temperature of the wrong type',
    (it) => ((it.runs[0].temperature = 'hot'), JSON.stringify(it)),
    /:1: runs\[0\]\.temperature: expected number$/,
  ],
  [
    'a single input',
    (it) => ((it.runs[0].inputs = it.runs[0].inputs.slice(0, 1)), JSON.stringify(it)),
    /:1: runs\[0\]\.inputs: expected at least 2 item\(s\)$/,
  ],
  [
    'embedding dimension mismatch',
    (it) => (it.runs[0].inputs[1].embedding.push(0.5), JSON.stringify(it)),
    /:1: runs\[0\]\.inputs\[1\]\.embedding: expected 8 numbers/,
  ],
  [
    'missing response embedding',
    (it) => (delete it.runs[1].inputs[2].responses[0].embedding, JSON.stringify(it)),
    /:1: runs\[1\]\.inputs\[2\]\.responses\[0\]\.embedding: expected an array of numbers/,
  ],
  ['correct not 0/1', (it) => ((it.correct = 2), JSON.stringify(it)), /:1: correct: expected one of 0, 1$/],
  [
    'non-square similarity',
    (it) => ((it.runs[0].inputSimilarity = [[1, 0.5]]), JSON.stringify(it)),
    /:1: runs\[0\]\.inputSimilarity: expected a 4x4 matrix/,
  ],
]

for (const [name, make, pattern] of broken) {
  test(`uq score rejects ${name} with exit 2 and a one-line file:line: field message`, () => {
    const file = writeLines([make(good())])
    expectInputError(['uq', 'score', file], file, pattern)
  })
}

test('a bad line after good ones is reported with its own line number; duplicate ids are rejected', () => {
  const file = writeLines([fixtureLines[0], fixtureLines[1], '[1, 2]'])
  expectInputError(['uq', 'score', file], file, /:3: \(item\): expected object$/)
  const dup = writeLines([fixtureLines[0], fixtureLines[0]])
  expectInputError(['uq', 'score', dup], dup, /:2: id: expected a unique id/)
})

test('uq evaluate needs `correct`; --similarity precomputed needs the matrices', () => {
  const it = good()
  delete it.correct
  const file = writeLines([JSON.stringify(it)])
  expectInputError(['uq', 'evaluate', file], file, /:1: correct: required by uq evaluate/)
  const plain = writeLines([fixtureLines[0]])
  expectInputError(
    ['uq', 'score', plain, '--similarity', 'precomputed'],
    plain,
    /:1: runs\[0\]\.inputSimilarity: required with --similarity precomputed/,
  )
})

test('--skip-bad scores the good lines and lists every bad one with line and field', () => {
  const file = writeLines([fixtureLines[0], 'not json', fixtureLines[1], '{"id": "z"}', fixtureLines[2]])
  const {json, result} = runCliJson(['uq', 'score', file, '--skip-bad'])
  assert.equal(result.status, 0, result.stderr)
  assertMatchesSchema(json, 'uq.schema.json')
  assert.equal(json.result.items, 3)
  assert.equal(json.result.skipped.count, 2)
  assert.deepEqual(
    json.result.skipped.lines.map((b: any) => [b.line, b.field]),
    [
      [2, '(json)'],
      [4, 'runs'],
    ],
  )
  assert.equal(json.warnings.length, 1)
})
