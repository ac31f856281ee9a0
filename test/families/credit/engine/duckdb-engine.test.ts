/**
 * --engine duckdb against the in-process path: same cut points, same counts, every statistic equal
 * to 1e-12 (in practice bit for bit), on CSV and Parquet, with missing and special values.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {DuckDBInstance} from '@duckdb/node-api'
import {runCli, runCliJson, tempDir} from '../../../helpers/cli.js'
import {germanCsv, germanSplit} from '../commands/german-split.js'
import {assertSameStatistics} from './same-statistics.js'
import {assertSameScores, fitCard} from './same-scores.js'

const creditData = new URL('../../../fixtures/credit/credit_data.csv', import.meta.url).pathname
const dir = tempDir('infolens-credit-duckdb-')
const at = (name: string) => join(dir, name)

async function toParquet(csv: string, out: string): Promise<string> {
  const db = await DuckDBInstance.create(':memory:')
  const c = await db.connect()
  await c.run(`COPY (SELECT * FROM read_csv('${csv}')) TO '${out}' (FORMAT parquet)`)
  c.closeSync()
  db.closeSync()
  return out
}

const CASES: [string, string, string, string[]][] = [
  ['german credit', germanCsv, 'creditability', []],
  ['credit_data (missing values)', creditData, 'Status', []],
  ['credit_data with special values', creditData, 'Status', ['--special', '0,99999999']],
]

for (const [name, data, target, extra] of CASES) {
  test(`${name}: bin --engine duckdb equals in-process`, () => {
    const args = ['credit', 'bin', data, '--target', target, ...extra]
    const ip = runCliJson(args).json.result
    const {json, result} = runCliJson([...args, '--engine', 'duckdb'])
    assert.equal(result.status, 0, result.stderr)
    assertSameStatistics(ip, json.result)
    assert.equal(json.options.sql_engine.name, 'duckdb')
    assert.match(json.options.sql_engine.version, /^v\d/)
  })
}

test('credit_data as Parquet (typed columns): bin --engine duckdb equals in-process', async () => {
  const pq = await toParquet(creditData, at('credit_data.parquet'))
  const ip = runCliJson(['credit', 'bin', pq, '--target', 'Status']).json.result
  const dd = runCliJson(['credit', 'bin', pq, '--target', 'Status', '--engine', 'duckdb']).json.result
  assertSameStatistics(ip, dd)
})

test('counts --engine duckdb equals the in-process counts; bin --from-counts on them equals in-process', () => {
  const bins = at('bins.json')
  assert.equal(runCli(['credit', 'bin', creditData, '--target', 'Status', '--out', bins, '--quiet']).status, 0)
  const counts = at('dd-counts.json')
  const r = runCli(['credit', 'counts', creditData, '--bins', bins, '--engine', 'duckdb', '--out', counts, '--quiet'])
  assert.equal(r.status, 0, r.stderr)
  const fc = runCliJson(['credit', 'bin', '--from-counts', counts]).json.result
  assertSameStatistics(JSON.parse(readFileSync(bins, 'utf8')).result, fc)
})

test('psi --engine duckdb equals in-process', () => {
  const split = germanSplit()
  const bins = join(split.dir, 'bins.json')
  runCli(['credit', 'bin', split.train, '--target', 'creditability', '--out', bins, '--quiet'])
  const ip = runCliJson(['credit', 'psi', split.train, split.test, '--bins', bins]).json.result
  const dd = runCliJson(['credit', 'psi', split.train, split.test, '--bins', bins, '--engine', 'duckdb']).json.result
  assertSameStatistics(ip, dd)
})

test('a missing column and a non-quantile method are one-line input errors', () => {
  const r = runCli(['credit', 'bin', germanCsv, '--target', 'nope', '--engine', 'duckdb'])
  assert.equal(r.status, 2)
  assert.match(r.stderr, /germancredit\.csv: nope: target column not found/)
  const m = runCli(['credit', 'bin', germanCsv, '--target', 'creditability', '--method', 'tree', '--engine', 'duckdb'])
  assert.equal(m.status, 2)
  assert.match(m.stderr, /--engine: --engine duckdb fits quantile bins/)
})

test('score --engine duckdb: the same summary and per-row scores as in-process, bit for bit (CSV and Parquet)', async () => {
  for (const [name, data, target] of [
    ['german', germanCsv, 'creditability'],
    ['credit-data', creditData, 'Status'],
  ]) {
    const card = fitCard(dir, data, target, name)
    const json = assertSameScores(dir, card, data, [data], ['--engine', 'duckdb'])
    assert.equal(json.options.sql_engine.name, 'duckdb')
    assert.match(json.options.sql_engine.queries.at(-1), /AS score/)
  }
  // typed Parquet columns (Records becomes BOOLEAN) against the in-process Parquet reader of the same file
  const parquet = await toParquet(creditData, at('credit-data-score.parquet'))
  const card = fitCard(dir, creditData, 'Status', 'credit-data')
  assertSameScores(dir, card, parquet, [parquet], ['--engine', 'duckdb'])
})
