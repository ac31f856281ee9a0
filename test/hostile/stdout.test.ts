/**
 * `-` as an output path (issue 18, new-user leftovers): `--out -` writes the report to stdout and nothing else
 * goes there (tables move to stderr), text outputs (--sql, --scores, uq perturb OUTPUT, report render --out)
 * may be `-` too, and what cannot work is refused with exit 2, one line and no file named `-`: binary or
 * folder outputs, two outputs on stdout, `--out -` with --json. The conformance suite runs `--out -` on
 * every command; this file holds the refusals and the text outputs.
 */
import assert from 'node:assert/strict'
import {copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {runCli, tempDir} from '../helpers/cli.js'
import {assertMatchesSchema} from '../helpers/schema.js'

const credit = new URL('../fixtures/credit/generated.csv', import.meta.url).pathname
const ONE_LINE = /^infolens: error: [^\n]+\n$/

const dir = tempDir()
copyFileSync(credit, join(dir, 'g.csv'))
const cli = (...args: string[]) => runCli(args, {cwd: dir})
const ok = (...args: string[]) => {
  const r = cli(...args)
  assert.equal(r.status, 0, `${args.join(' ')}\n${r.stderr}`)
  assert.ok(!existsSync(join(dir, '-')), 'a file named - was written')
  return r
}
assert.equal(cli('credit', 'bin', 'g.csv', '--target', 'y', '--out', 'bins.json', '--quiet').status, 0)
assert.equal(
  cli('credit', 'scorecard', 'g.csv', '--target', 'y', '--bins', 'bins.json', '--out', 'card.json').status,
  0,
)

describe('--out - writes the report to stdout', () => {
  it('credit bin: stdout is the report alone, the tables go to stderr', () => {
    const r = ok('credit', 'bin', 'g.csv', '--target', 'y', '--out', '-')
    const report = JSON.parse(r.stdout)
    assertMatchesSchema(report, 'credit-bin.schema.json')
    assert.equal(
      report.result.features.length,
      JSON.parse(readFileSync(join(dir, 'bins.json'), 'utf8')).result.features.length,
    )
    assert.match(r.stderr, /IV/, 'the human tables are on stderr')
  })

  it('with --quiet: the report and nothing on stderr', () => {
    const r = ok('credit', 'bin', 'g.csv', '--target', 'y', '--out', '-', '--quiet')
    assertMatchesSchema(JSON.parse(r.stdout), 'credit-bin.schema.json')
    assert.equal(r.stderr, '')
  })

  it('report render --out -: the rendering once on stdout', () => {
    const r = ok('report', 'render', 'bins.json', '--out', '-')
    const file = ok('report', 'render', 'bins.json').stdout
    assert.equal(r.stdout, file)
  })

  it('credit counts --out -: the counts table as CSV', () => {
    const r = ok('credit', 'counts', 'g.csv', '--bins', 'bins.json', '--out', '-')
    assert.match(r.stdout, /^feature,bin_id,bin,class,count\n/)
    assert.doesNotMatch(r.stdout, /┌|engine/, 'no table on stdout')
  })
})

describe('text outputs may be - (stdout)', () => {
  it('credit scorecard --sql -: the SQL alone on stdout', () => {
    const r = ok('credit', 'scorecard', 'g.csv', '--target', 'y', '--bins', 'bins.json', '--sql', '-')
    assert.match(r.stdout, /^\s*(--|SELECT|WITH)/i)
    assert.match(r.stdout, /FROM "applicants";\n$/)
    assert.doesNotMatch(r.stdout, /┌/)
  })

  it('credit score --scores -: the CSV alone on stdout', () => {
    const r = ok('credit', 'score', 'g.csv', '--card', 'card.json', '--scores', '-')
    const lines = r.stdout.trimEnd().split('\n')
    assert.equal(lines[0], 'row,score,pd')
    assert.equal(lines.length, readFileSync(credit, 'utf8').trimEnd().split('\n').length)
  })

  it('uq perturb QUESTIONS -: the JSONL alone on stdout', () => {
    writeFileSync(join(dir, 'q.csv'), 'question,reference\nWho wrote the novel Babbitt?,Sinclair Lewis\n')
    const wordnet = new URL('../fixtures/uq/wordnet-mini', import.meta.url).pathname
    const r = ok('uq', 'perturb', 'q.csv', '-', '--wordnet', wordnet)
    const lines = r.stdout.trimEnd().split('\n')
    assert.equal(lines.length, 1)
    assert.match(JSON.parse(lines[0]).question, /Babbitt/)
  })
})

describe('- where it cannot work: exit 2, one line, nothing written', () => {
  const refused = (pattern: RegExp, ...args: string[]) => {
    const before = readdirSync(dir).sort()
    const r = cli(...args)
    assert.equal(r.status, 2, r.stderr)
    assert.match(r.stderr, ONE_LINE)
    assert.match(r.stderr, pattern)
    assert.equal(r.stdout, '')
    assert.deepEqual(readdirSync(dir).sort(), before)
  }
  const notText = /-: --\w+: expected a path: not text/

  it('--out - with --json', () => {
    const r = cli('credit', 'bin', 'g.csv', '--target', 'y', '--out', '-', '--json')
    assert.equal(r.status, 2)
    assert.match(JSON.parse(r.stdout).error.message, /--out: expected a file path: --json already prints/)
  })
  it('--nc - (NetCDF)', () => refused(notText, 'school', 'simulate', '--agents', '10', '--steps', '2', '--nc', '-'))
  it('--plots - (a folder)', () => refused(notText, 'credit', 'bin', 'g.csv', '--target', 'y', '--plots', '-'))
  it('--plots - beside --out -: the folder is named', () =>
    refused(
      /--plots: expected a path: not text/,
      'credit',
      'bin',
      'g.csv',
      '--target',
      'y',
      '--out',
      '-',
      '--plots',
      '-',
    ))
  it('demo checkpoint - (a folder argument)', () =>
    refused(/-: DIR: expected a path: not text/, 'demo', 'checkpoint', '-'))
  it('two outputs on stdout', () =>
    refused(
      /-: --sql: expected at most one output on - \(stdout\), got --out too/,
      ...['credit', 'scorecard', 'g.csv', '--target', 'y', '--bins', 'bins.json', '--out', '-', '--sql', '-'],
    ))
})

describe('cluster emit --out names a folder (found with -)', () => {
  it('an existing folder is reused, as its example `--out jobs` then `jobs/submit.sh` needs', () => {
    const jobs = join(dir, 'jobs')
    mkdirSync(jobs)
    const args = ['cluster', 'emit', '--shards', '2', '--out', jobs, '--', 'spectral', 'analyze', 'm.safetensors']
    ok(...args)
    ok(...args)
    assert.ok(existsSync(join(jobs, 'submit.sh')))
  })
  it('--out - is refused: job files are a folder', () =>
    assert.match(
      cli('cluster', 'emit', '--shards', '2', '--out', '-', '--', 'doctor').stderr,
      /-: --out: expected a path: not text/,
    ))
})
