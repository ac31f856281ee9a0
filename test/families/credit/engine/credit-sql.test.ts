/**
 * `credit sql`: the printed duckdb queries, run live in DuckDB, give the in-process cut points and
 * a counts table from which `credit bin --from-counts` gives the row-level statistics. (The
 * postgres text runs in ./postgres-engine.test.ts; spark and bigquery are generated only.)
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {DuckDBInstance} from '@duckdb/node-api'
import {runCli, runCliJson, tempDir} from '../../../helpers/cli.js'
import {germanCsv} from '../commands/german-split.js'
import {assertSameStatistics} from './same-statistics.js'

const creditData = new URL('../../../fixtures/credit/credit_data.csv', import.meta.url).pathname
const dir = tempDir('infolens-credit-sql-')

async function duckdbRows(sql: string): Promise<Record<string, unknown>[]> {
  const db = await DuckDBInstance.create(':memory:')
  const c = await db.connect()
  const rows = (await c.runAndReadAll(sql)).getRowObjects()
  c.closeSync()
  db.closeSync()
  return rows
}

for (const [data, target, numeric] of [
  [germanCsv, 'creditability', ['credit_amount', 'age_in_years', 'duration_in_month']],
  [creditData, 'Status', ['Income', 'Assets', 'Price']],
] as [string, string, string[]][]) {
  test(`${target}: duckdb cut-point and counts queries reproduce in-process bins and statistics`, async () => {
    const bins = join(dir, `${target}-bins.json`)
    assert.equal(runCli(['credit', 'bin', data, '--target', target, '--out', bins, '--quiet']).status, 0)
    const fitted = JSON.parse(readFileSync(bins, 'utf8')).result
    const cuts = runCliJson(['credit', 'sql', '--dialect', 'duckdb', '--table', data, '--features', numeric.join(',')])
    assert.equal(cuts.result.status, 0, cuts.result.stderr)
    for (const [i, f] of numeric.entries()) {
      const edges = (await duckdbRows(cuts.json.result.queries[i].sql)).map((r) => Number(r.edge))
      assert.deepEqual(edges, fitted.features.find((x: any) => x.feature === f).binning.edges, f)
    }
    const counts = runCliJson(['credit', 'sql', '--dialect', 'duckdb', '--table', data, '--bins', bins]).json.result
    const rows = await duckdbRows(counts.queries[0].sql)
    const csv = join(dir, `${target}-sql-counts.csv`)
    const q = (v: unknown) => `"${String(v).replaceAll('"', '""')}"`
    writeFileSync(
      csv,
      [
        'feature,bin_id,bin,class,count',
        ...rows.map((r) => [r.feature, r.bin_id, r.bin, r.class, r.count].map(q).join(',')),
      ].join('\n') + '\n',
    )
    const fc = runCliJson(['credit', 'bin', '--from-counts', csv])
    assert.equal(fc.result.status, 0, fc.result.stderr)
    assertSameStatistics(fitted, fc.json.result)
  })
}

test('spark and bigquery text is generated (not run), and says so', () => {
  for (const dialect of ['spark', 'bigquery']) {
    const r = runCliJson(['credit', 'sql', '--dialect', dialect, '--table', 'db.t', '--features', 'x'])
    assert.equal(r.json.result.tested_live, false)
    assert.match(r.json.result.queries[0].sql, /`db`\.`t`/)
  }
})
