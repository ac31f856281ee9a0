/**
 * Hostile CSV leftovers of issue 18 (item 11) in the credit commands: bytes that are not UTF-8, a huge level,
 * 23-digit ids, DATA `-` (stdin), and non-finite cells in the psi and score counting paths.
 */
import {spawnSync} from 'node:child_process'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {runCli, runCliJson, tempDir} from '../helpers/cli.js'

interface BinFeature {
  feature: string
  type: string
  table: {bin: string; count: number}[]
  binning: {groups?: string[][]; labels: string[]}
}

/** 40 rows of x (numeric), c (categorical) and y, with a cell swapped in at a given row and column. */
function table(replace: {row: number; column: 'x' | 'c'; cell: string} | null = null): string {
  const lines = ['x,c,y']
  for (let i = 0; i < 40; i++) {
    const x = replace?.row === i && replace.column === 'x' ? replace.cell : String((i * 7) % 13)
    const c = replace?.row === i && replace.column === 'c' ? replace.cell : ['a', 'b', 'c'][i % 3]
    lines.push(`${x},${c},${i % 4 === 0 ? 1 : 0}`)
  }
  return lines.join('\n') + '\n'
}

test('bytes that are not UTF-8: one warning on stderr and in the report naming file, line and column', () => {
  const dir = tempDir()
  const data = join(dir, 'latin1.csv')
  const text = table({row: 5, column: 'c', cell: 'caf\u0000'})
  const bytes = Buffer.from(text, 'latin1')
  bytes[bytes.indexOf(0)] = 0xe9 // Latin-1 é: not UTF-8
  writeFileSync(data, bytes)
  const {json, result} = runCliJson(['credit', 'bin', data, '--target', 'y'])
  assert.equal(result.status, 0, result.stderr)
  const warning = `${data}: line 7, column c: bytes that are not UTF-8 (first occurrence)`
  assert.equal(result.stderr.split(warning).length - 1, 1, result.stderr)
  assert.ok(
    json.warnings.some((w: string) => w.startsWith(warning)),
    JSON.stringify(json.warnings),
  )
  // a valid UTF-8 é is no warning
  writeFileSync(data, table({row: 5, column: 'c', cell: 'café'}))
  const clean = runCliJson(['credit', 'bin', data, '--target', 'y'])
  assert.equal(clean.result.stderr, '')
  assert.deepEqual(clean.json.warnings, [])
})

test('a huge level: bin labels cut at 200 characters with an ellipsis and a count; psi still matches it whole', () => {
  const dir = tempDir()
  const data = join(dir, 'huge.csv')
  const huge = 'h'.repeat(1_000_000)
  writeFileSync(data, table({row: 3, column: 'c', cell: huge}))
  const bins = join(dir, 'bins.json')
  const r = runCli(['credit', 'bin', data, '--target', 'y', '--out', bins, '--quiet'])
  assert.equal(r.status, 0, r.stderr)
  const report = JSON.parse(readFileSync(bins, 'utf8'))
  const c = report.result.features.find((f: BinFeature) => f.feature === 'c') as BinFeature
  const label = `${'h'.repeat(200)}…`
  assert.ok(c.binning.labels.includes(label), 'label cut')
  assert.ok(c.table.some((row) => row.bin === label))
  assert.ok(
    c.binning.groups!.some((g) => g.includes(huge)),
    'the binning keeps the level whole',
  )
  assert.ok(
    report.warnings.includes(
      'c: 1 level longer than 200 characters shortened in the bin labels (the binning keeps them whole)',
    ),
  )
  const psi = runCliJson(['credit', 'psi', data, data, '--bins', bins])
  assert.equal(psi.result.status, 0, psi.result.stderr)
  const pc = psi.json.result.features.find((f: {feature: string}) => f.feature === 'c')
  assert.equal(pc.actual_unmatched, 0)
  assert.equal(pc.psi, 0)
})

test('23-digit integers are identifiers: kept as text, never rounded, with a warning naming the column', () => {
  const dir = tempDir()
  const data = join(dir, 'ids.csv')
  const lines = ['id,x,y']
  for (let i = 0; i < 30; i++) lines.push(`${12345678901234567890000n + BigInt(i)},${i % 5},${i % 3 === 0 ? 1 : 0}`)
  writeFileSync(data, lines.join('\n') + '\n')
  const {json, result} = runCliJson(['credit', 'bin', data, '--target', 'y', '--max-levels', '100'])
  assert.equal(result.status, 0, result.stderr)
  const id = json.result.features.find((f: BinFeature) => f.feature === 'id') as BinFeature
  assert.equal(id.type, 'categorical')
  assert.ok(id.binning.groups!.flat().includes('12345678901234567890007'), 'digits kept exactly')
  assert.ok(
    json.warnings.some((w: string) => w.startsWith('id: integers beyond 2^53 (e.g. "12345678901234567890000")')),
    JSON.stringify(json.warnings),
  )
  // a 16-digit integer below 2^53 is still a number
  writeFileSync(data, lines.map((l, i) => (i === 0 ? l : l.replace(/^\d+/, String(4503599627370496 + i)))).join('\n'))
  const small = runCliJson(['credit', 'bin', data, '--target', 'y'])
  assert.equal(small.json.result.features.find((f: BinFeature) => f.feature === 'id').type, 'numeric')
})

test('DATA "-" reads stdin: the same result as the file (credit bin, credit score)', () => {
  const dir = tempDir()
  const data = join(dir, 'd.csv')
  writeFileSync(data, table())
  const runJs = new URL('../../bin/run.js', import.meta.url).pathname
  const fromStdin = spawnSync(process.execPath, [runJs, 'credit', 'bin', '-', '--target', 'y', '--json'], {
    input: readFileSync(data),
    encoding: 'utf8',
  })
  assert.equal(fromStdin.status, 0, fromStdin.stderr)
  const fromFile = runCliJson(['credit', 'bin', data, '--target', 'y'])
  assert.deepEqual(JSON.parse(fromStdin.stdout).result, fromFile.json.result)
  const bins = join(dir, 'bins.json')
  const card = join(dir, 'card.json')
  assert.equal(runCli(['credit', 'bin', data, '--target', 'y', '--out', bins, '--quiet']).status, 0)
  const sc = runCli(['credit', 'scorecard', data, '--target', 'y', '--bins', bins, '--out', card, '--quiet'])
  assert.equal(sc.status, 0, sc.stderr)
  const scored = spawnSync(process.execPath, [runJs, 'credit', 'score', '-', '--card', card, '--json'], {
    input: readFileSync(data),
    encoding: 'utf8',
  })
  assert.equal(scored.status, 0, scored.stderr)
  assert.deepEqual(JSON.parse(scored.stdout).result, runCliJson(['credit', 'score', data, '--card', card]).json.result)
})

test('non-finite cells in psi and score: 1e999 is exit 2 naming file, column and line (as in credit bin); inf text is unmatched, nan missing', () => {
  const dir = tempDir()
  const train = join(dir, 'train.csv')
  writeFileSync(train, table({row: 2, column: 'x', cell: 'NA'}))
  const bins = join(dir, 'bins.json')
  const card = join(dir, 'card.json')
  assert.equal(runCli(['credit', 'bin', train, '--target', 'y', '--out', bins, '--quiet']).status, 0)
  assert.equal(
    runCli(['credit', 'scorecard', train, '--target', 'y', '--bins', bins, '--out', card, '--quiet']).status,
    0,
  )
  const bad = join(dir, 'bad.csv')
  for (const literal of ['1e999', '-1e999']) {
    writeFileSync(bad, table({row: 6, column: 'x', cell: literal}))
    const line = `infolens: error: ${bad}: x: line 8: expected a finite number, got "${literal}"\n`
    const psiOut = join(dir, 'psi.json')
    const psi = runCli(['credit', 'psi', train, bad, '--bins', bins, '--out', psiOut])
    assert.equal(psi.status, 2)
    assert.equal(psi.stderr, line)
    assert.equal(existsSync(psiOut), false)
    const score = runCli(['credit', 'score', bad, '--card', card])
    assert.equal(score.status, 2)
    assert.equal(score.stderr, line)
  }
  writeFileSync(bad, table({row: 6, column: 'x', cell: 'inf'}).replace('\n3,', '\nnan,'))
  const {json, result} = runCliJson(['credit', 'psi', train, bad, '--bins', bins])
  assert.equal(result.status, 0, result.stderr)
  const x = json.result.features.find((f: {feature: string}) => f.feature === 'x')
  assert.equal(x.actual_unmatched, 1) // "inf": text, like an unseen category
  assert.equal(x.actual_total, 39)
})
