// `credit bin` with the profiling pass fanned out over byte ranges writes the same report as the single pass:
// the same bytes except what names the run (command line, time, timings) and the thread count itself. The fan-out
// threshold is forced to 1 byte (INFOLENS_CREDIT_FANOUT_BYTES) so that small files are cut into ranges.
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {runCli, tempDir} from '../../../helpers/cli.js'
import {germanCsv} from './german-split.js'

const dir = tempDir('infolens-credit-fanout-cli-')
const env = {INFOLENS_CREDIT_FANOUT_BYTES: '1'}

/** The report of `credit bin` with this many threads, minus what differs between any two runs. */
function report(args: string[], threads: number): string {
  const out = join(dir, `bin-${threads}-${Math.random().toString(36).slice(2)}.json`)
  const r = runCli(['credit', 'bin', ...args, '--threads', String(threads), '--out', out, '--quiet'], {env})
  assert.equal(r.status, 0, r.stderr)
  const json = JSON.parse(readFileSync(out, 'utf8'))
  for (const key of ['command', 'createdAt', 'timings']) delete json[key]
  delete json.options.out
  delete json.options.threads
  delete json.engine.threads
  return JSON.stringify(json, null, 2)
}

/** A generated table: 12 numeric and 6 categorical features with missing cells and a special value. */
function generated(rows: number): string {
  let s = 7
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32
  const lines = [[...Array.from({length: 12}, (_, j) => `x${j}`), ...Array.from({length: 6}, (_, j) => `c${j}`), 'y']]
  for (let i = 0; i < rows; i++) {
    const x = Array.from({length: 12}, (_, j) =>
      rand() < 0.02 ? '' : j === 3 && rand() < 0.05 ? '-999' : (rand() * 100 - 50).toFixed(j % 4),
    )
    const c = Array.from({length: 6}, (_, j) => (rand() < 0.03 ? 'NA' : `level ${Math.floor(rand() * (3 + j))}`))
    lines.push([...x, ...c, rand() < 0.3 ? 'bad' : 'good'])
  }
  return lines.map((l) => l.join(',')).join('\n') + '\n'
}

test('German credit: the report with 3 threads equals the single pass', () => {
  const args = [germanCsv, '--target', 'creditability', '--bad', 'bad']
  assert.equal(report(args, 3), report(args, 1))
})

test('a generated 20,000-row table: the same report from 1, 2 and 4 threads', () => {
  const file = join(dir, 'generated.csv')
  writeFileSync(file, generated(20_000))
  const args = [file, '--target', 'y', '--special', '-999', '--categorical', 'x11']
  const single = report(args, 1)
  assert.equal(report(args, 2), single)
  assert.equal(report(args, 4), single)
})

test('a bad cell in the last range: one line naming file, line and column, exit 2, nothing written', () => {
  const rows = ['x,y', ...Array.from({length: 5000}, (_, i) => (i === 4900 ? '1e999,1' : `${i % 97},${i % 2}`))]
  const file = join(dir, 'bad.csv')
  writeFileSync(file, rows.join('\n') + '\n')
  const out = join(dir, 'bad-out.json')
  const r = runCli(['credit', 'bin', file, '--target', 'y', '--threads', '4', '--out', out], {env})
  assert.equal(r.status, 2)
  assert.match(r.stderr, /^infolens: error: .*bad\.csv: x: line 4902: expected a finite number, got "1e999"\n$/)
  assert.ok(!existsSync(out))
})
