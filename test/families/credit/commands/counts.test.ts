import {test} from 'node:test'
import assert from 'node:assert/strict'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {runCli, runCliJson, tempDir} from '../../../helpers/cli.js'
import {assertSameStatistics} from '../engine/same-statistics.js'
import {germanCsv, germanSplit} from './german-split.js'

const creditData = new URL('../../../fixtures/credit/credit_data.csv', import.meta.url).pathname
const dir = tempDir('infolens-credit-counts-')
const at = (name: string) => join(dir, name)
const result = (file: string) => JSON.parse(readFileSync(file, 'utf8')).result

const CASES = [
  {name: 'german credit', data: germanCsv, target: 'creditability'},
  {name: 'credit_data (missing values)', data: creditData, target: 'Status'},
]

for (const c of CASES) {
  const bins = at(`${c.target}-bins.json`)
  const r = runCli(['credit', 'bin', c.data, '--target', c.target, '--out', bins, '--quiet'])
  assert.equal(r.status, 0, r.stderr)
  for (const ext of ['parquet', 'csv', 'json']) {
    test(`${c.name}: bin --from-counts (${ext}) equals the row-level path`, () => {
      const counts = at(`${c.target}-counts.${ext}`)
      const made = runCli(['credit', 'counts', c.data, '--bins', bins, '--out', counts, '--quiet'])
      assert.equal(made.status, 0, made.stderr)
      const {json, result: run} = runCliJson(['credit', 'bin', '--from-counts', counts])
      assert.equal(run.status, 0, run.stderr)
      assertSameStatistics(result(bins), json.result)
      // the from-counts report is itself a binning file: its binnings are the row-level ones
      const strip = (f: any) => ({...f.binning, method: undefined})
      assert.deepEqual(json.result.features.map(strip), result(bins).features.map(strip))
    })
  }
}

test('credit_data has Missing bins, so the missing-value path is exercised', () => {
  const bins = result(at('Status-bins.json'))
  assert.ok(bins.features.some((f: any) => f.binning.missing))
})

const split = germanSplit()
const trainBins = at('train-bins.json')
runCli(['credit', 'bin', split.train, '--target', 'creditability', '--out', trainBins, '--quiet'])

test('psi --from-counts equals the row-level psi', () => {
  const e = at('train-counts.parquet')
  const a = at('test-counts.csv')
  for (const [data, out] of [
    [split.train, e],
    [split.test, a],
  ])
    assert.equal(runCli(['credit', 'counts', data, '--bins', trainBins, '--out', out, '--quiet']).status, 0)
  const rows = runCliJson(['credit', 'psi', split.train, split.test, '--bins', trainBins]).json.result
  const counts = runCliJson(['credit', 'psi', e, a, '--from-counts']).json.result
  assertSameStatistics(rows, counts)
  assert.deepEqual(counts.drifted, rows.drifted)
})

test('counts without the target column are class "all", enough for psi', () => {
  const noTarget = at('no-target.csv')
  // creditability is the last column: drop it from every line (quoted commas sit in earlier columns)
  const lines = readFileSync(split.test, 'utf8').trimEnd().split('\n')
  writeFileSync(noTarget, lines.map((l) => l.replace(/,[^,]*$/, '')).join('\n') + '\n')
  const out = at('no-target.json')
  assert.equal(runCli(['credit', 'counts', noTarget, '--bins', trainBins, '--out', out, '--quiet']).status, 0)
  const doc = JSON.parse(readFileSync(out, 'utf8'))
  assert.ok(doc.result.table.rows.every((r: any) => r.class === 'all'))
  const bin = runCli(['credit', 'bin', '--from-counts', out])
  assert.equal(bin.status, 2)
  assert.match(bin.stderr, /no-target\.json: class: /)
})

// ---- bad counts files: exit 2, one line naming the file and the field, no output file ----------

const good = at('german-good.csv')
runCli(['credit', 'counts', germanCsv, '--bins', at('creditability-bins.json'), '--out', good, '--quiet'])

function badCounts(name: string, edit: (lines: string[]) => string[], from = good): string {
  const p = at(name)
  writeFileSync(p, edit(readFileSync(from, 'utf8').trimEnd().split('\n')).join('\n') + '\n')
  return p
}

function expectBad(args: string[], pattern: RegExp): void {
  const out = at(`out-${Math.random().toString(36).slice(2)}.json`)
  const r = runCli([...args, '--out', out])
  assert.equal(r.status, 2, r.stderr)
  assert.match(r.stderr, pattern)
  assert.equal(r.stderr.split('\n').length, 2, `one line: ${r.stderr}`)
  assert.ok(!existsSync(out))
}

test('a negative count', () => {
  const p = badCounts('negative.csv', (l) => [l[0], l[1].replace(/,\d+$/, ',-3'), ...l.slice(2)])
  expectBad(['credit', 'bin', '--from-counts', p], /negative\.csv: count: row 1: expected a non-negative integer count/)
})

test('a non-integer count', () => {
  const p = badCounts('fraction.csv', (l) => [l[0], ...l.slice(1, 5), l[5].replace(/,\d+$/, ',2.5'), ...l.slice(6)])
  expectBad(['credit', 'bin', '--from-counts', p], /fraction\.csv: count: row 5: .*got 2\.5/)
})

test('a missing column', () => {
  const p = badCounts('nocount.csv', (l) => l.map((x) => x.replace(/,[^,]*$/, '')))
  expectBad(['credit', 'bin', '--from-counts', p], /nocount\.csv: count: counts table column not found/)
})

test('an empty label (as an engine returning NULL labels)', () => {
  const p = badCounts('nolabel.csv', (l) => [l[0], l[1].replace(/,0,[^,]*,good,/, ',0,,good,'), ...l.slice(2)])
  expectBad(['credit', 'bin', '--from-counts', p], /nolabel\.csv: bin: row 1: expected a bin label/)
})

test('psi counts whose bins do not cover both files', () => {
  const e = at('train-counts.parquet')
  const a = badCounts('fewer-bins.csv', (l) => l.filter((x) => !x.startsWith('age_in_years,9,')), at('test-counts.csv'))
  expectBad(['credit', 'psi', e, a, '--from-counts'], /fewer-bins\.csv: age_in_years: bins differ from EXPECTED/)
  const b = badCounts(
    'no-duration.csv',
    (l) => l.filter((x) => !x.startsWith('duration_in_month,')),
    at('test-counts.csv'),
  )
  expectBad(['credit', 'psi', e, b, '--from-counts'], /no-duration\.csv: duration_in_month: .*cover both files/)
})
