/**
 * --engine postgres against a live PostgreSQL (./postgres-server.ts): the same counts and every
 * statistic equal to the in-process path to 1e-12, on tables and on a query; the password never
 * appears in a report; bad connections, tables and columns are one-line input errors (exit 2).
 */
import {after, test} from 'node:test'
import assert from 'node:assert/strict'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {runCli, runCliJson, tempDir} from '../../../helpers/cli.js'
import {germanCsv, germanSplit} from '../commands/german-split.js'
import {startPostgres} from './postgres-server.js'
import {assertSameStatistics} from './same-statistics.js'
import {assertSameScores, fitCard} from './same-scores.js'

const creditData = new URL('../../../fixtures/credit/credit_data.csv', import.meta.url).pathname
const server = startPostgres()
const header = (csv: string) =>
  readFileSync(csv, 'utf8')
    .split('\n')[0]
    .trim()
    .split(',')
    .map((h) => h.replace(/"/g, ''))
const split = germanSplit()
after(() => server?.stop())
try {
  server?.load('german', germanCsv, header(germanCsv))
  server?.load('credit_data', creditData, header(creditData))
  server?.load('german_train', split.train, header(germanCsv))
  server?.load('german_test', split.test, header(germanCsv))
} catch (error) {
  server?.stop()
  throw error
}
const skip = server ? false : 'PostgreSQL (Debian package postgresql) is not installed'
const dir = tempDir('infolens-credit-pg-')

for (const [table, csv, target, extra] of [
  ['german', germanCsv, 'creditability', []],
  ['credit_data', creditData, 'Status', []],
  ['credit_data', creditData, 'Status', ['--special', '0,99999999']],
] as [string, string, string, string[]][]) {
  test(`${table} ${extra.join(' ')}: bin --engine postgres equals in-process`, {skip}, () => {
    const ip = runCliJson(['credit', 'bin', csv, '--target', target, ...extra]).json.result
    const pg = runCliJson([
      'credit',
      'bin',
      table,
      '--target',
      target,
      ...extra,
      '--engine',
      'postgres',
      '--url',
      server!.url,
    ])
    assert.equal(pg.result.status, 0, pg.result.stderr)
    assertSameStatistics(ip, pg.json.result)
    assert.equal(pg.json.options.sql_engine.name, 'postgres')
    assert.ok(!pg.result.stdout.includes('not-a-real-secret'), 'password in the report')
  })
}

test('a query source, counts and psi --engine postgres equal in-process', {skip}, () => {
  const bins = join(dir, 'bins.json')
  runCli(['credit', 'bin', split.train, '--target', 'creditability', '--out', bins, '--quiet'])
  const q = 'select * from german_train'
  const counts = join(dir, 'pg-counts.parquet')
  const c = runCli([
    'credit',
    'counts',
    '--query',
    q,
    '--bins',
    bins,
    '--engine',
    'postgres',
    '--url',
    server!.url,
    '--out',
    counts,
    '--quiet',
  ])
  assert.equal(c.status, 0, c.stderr)
  const fc = runCliJson(['credit', 'bin', '--from-counts', counts]).json.result
  assertSameStatistics(JSON.parse(readFileSync(bins, 'utf8')).result, fc)
  const ip = runCliJson(['credit', 'psi', split.train, split.test, '--bins', bins]).json.result
  const pg = runCliJson([
    'credit',
    'psi',
    'german_train',
    'german_test',
    '--bins',
    bins,
    '--engine',
    'postgres',
    '--url',
    server!.url,
  ])
  assert.equal(pg.result.status, 0, pg.result.stderr)
  assertSameStatistics(ip, pg.json.result)
  assert.ok(!pg.result.stdout.includes('not-a-real-secret'))
})

function expectBad(args: string[], pattern: RegExp): void {
  const r = runCli(args)
  assert.equal(r.status, 2, r.stderr)
  assert.match(r.stderr, pattern)
  assert.equal(r.stderr.split('\n').length, 2, r.stderr)
  assert.ok(!r.stderr.includes('not-a-real-secret'))
}

test('unreachable server, missing table, missing column, no rows: exit 2, one line', {skip}, () => {
  const pg = ['--engine', 'postgres', '--url']
  expectBad(
    ['credit', 'bin', 'german', '--target', 'creditability', ...pg, 'postgres://u:not-a-real-secret@127.0.0.1:1/x'],
    /connection: postgres: cannot connect/,
  )
  expectBad(
    ['credit', 'bin', 'nope', '--target', 'creditability', ...pg, server!.url],
    /nope: postgres: relation "nope" does not exist/,
  )
  expectBad(
    ['credit', 'bin', 'german', '--target', 'nope', ...pg, server!.url],
    /german: nope: target column not found/,
  )
  expectBad(
    [
      'credit',
      'bin',
      '--query',
      "select * from german where purpose = 'none'",
      '--target',
      'creditability',
      ...pg,
      server!.url,
    ],
    /creditability: no rows/,
  )
})

test(
  'credit sql --dialect postgres: the printed queries run live and reproduce the bins and statistics',
  {skip},
  async () => {
    const {default: pg} = await import('pg')
    const bins = join(dir, 'german-bins.json')
    runCli(['credit', 'bin', germanCsv, '--target', 'creditability', '--out', bins, '--quiet'])
    const fitted = JSON.parse(readFileSync(bins, 'utf8')).result
    const numeric = ['credit_amount', 'age_in_years', 'duration_in_month']
    const client = new pg.Client({connectionString: server!.url})
    await client.connect()
    try {
      const cuts = runCliJson([
        'credit',
        'sql',
        '--dialect',
        'postgres',
        '--table',
        'german',
        '--features',
        numeric.join(','),
      ])
      for (const [i, f] of numeric.entries()) {
        const edges = (await client.query(cuts.json.result.queries[i].sql)).rows.map((r: any) => Number(r.edge))
        assert.deepEqual(edges, fitted.features.find((x: any) => x.feature === f).binning.edges, f)
      }
      const sql = runCliJson(['credit', 'sql', '--dialect', 'postgres', '--table', 'german', '--bins', bins]).json
        .result
      const rows = (await client.query(sql.queries[0].sql)).rows
      const csv = join(dir, 'pg-sql-counts.csv')
      const q = (v: unknown) => `"${String(v).replaceAll('"', '""')}"`
      const lines = rows.map((r: any) => [r.feature, r.bin_id, r.bin, r.class, r.count].map(q).join(','))
      writeFileSync(csv, ['feature,bin_id,bin,class,count', ...lines].join('\n') + '\n')
      const fc = runCliJson(['credit', 'bin', '--from-counts', csv])
      assert.equal(fc.result.status, 0, fc.result.stderr)
      assertSameStatistics(fitted, fc.json.result)
    } finally {
      await client.end()
    }
  },
)

test('score --engine postgres on a table and on a query: the same numbers as in-process, bit for bit', {skip}, () => {
  for (const [table, csv, target] of [
    ['german', germanCsv, 'creditability'],
    ['credit_data', creditData, 'Status'],
  ]) {
    const card = fitCard(dir, csv, target, table)
    const json = assertSameScores(dir, card, csv, [table], ['--engine', 'postgres', '--url', server!.url])
    assert.equal(json.options.sql_engine.name, 'postgres')
    assertSameScores(
      dir,
      card,
      csv,
      [],
      ['--engine', 'postgres', '--url', server!.url, '--query', `select * from ${table}`],
    )
  }
})
