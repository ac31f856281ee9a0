import {test} from 'node:test'
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {parse} from 'csv-parse/sync'
import {asyncBufferFromFile, parquetMetadataAsync} from 'hyparquet'
import {runCliJson, tempDir} from '../../../helpers/cli.js'
import {assertMatchesSchema} from '../../../helpers/schema.js'
import {writeParquet, type ParquetColumn} from '../io/minimal-parquet-writer.js'
import {germanCsv, germanSplit} from './german-split.js'

const dir = tempDir('infolens-credit-parquet-')
const generatedCsv = new URL('../../../fixtures/credit/generated.csv', import.meta.url).pathname

/**
 * The CSV as Parquet: a column whose non-empty cells are all numbers becomes DOUBLE, any other
 * UTF8; empty cells become nulls. Small row groups, so the reader streams several.
 */
function csvToParquet(csv: string, name: string, rowGroupSize = 128): string {
  const [header, ...rows] = parse(readFileSync(csv, 'utf8')) as string[][]
  const columns: ParquetColumn[] = header.map((h, j) => {
    const cells = rows.map((r) => r[j])
    const numeric = cells.every((c) => c === '' || !Number.isNaN(Number(c)))
    return numeric
      ? {name: h, type: 'double', values: cells.map((c) => (c === '' ? null : Number(c)))}
      : {name: h, type: 'utf8', values: cells.map((c) => (c === '' ? null : c))}
  })
  const path = join(dir, name)
  writeParquet(path, columns, rowGroupSize)
  return path
}

/** credit bin on both files: the results (everything but the envelope's inputs and timings) must be identical. */
function assertSameBinning(csv: string, parquet: string, args: string[]): void {
  const a = runCliJson(['credit', 'bin', csv, ...args])
  const b = runCliJson(['credit', 'bin', parquet, ...args])
  assert.equal(a.result.status, 0, a.result.stderr)
  assert.equal(b.result.status, 0, b.result.stderr)
  assertMatchesSchema(b.json, 'credit-bin.schema.json')
  assert.ok(b.json.result.features.length > 0)
  assert.deepEqual(b.json.result, a.json.result)
}

test('the test writer produces a Parquet file hyparquet reads with several row groups', async () => {
  const parquet = csvToParquet(germanCsv, 'german-meta.parquet', 300)
  const metadata = await parquetMetadataAsync(await asyncBufferFromFile(parquet))
  assert.equal(Number(metadata.num_rows), 1000)
  assert.equal(metadata.row_groups.length, 4)
})

test('credit bin gives identical results on German credit as CSV and as Parquet (quantile and optimal)', () => {
  const parquet = csvToParquet(germanCsv, 'german.parquet')
  assertSameBinning(germanCsv, parquet, ['--target', 'creditability', '--bad', 'bad'])
  assertSameBinning(germanCsv, parquet, [
    '--target',
    'creditability',
    '--bad',
    'bad',
    '--method',
    'optimal',
    '--monotonic',
    'auto',
  ])
})

test('missing cells (Parquet nulls) and special values bin identically in CSV and Parquet', () => {
  const parquet = csvToParquet(generatedCsv, 'generated.parquet', 200)
  assertSameBinning(generatedCsv, parquet, ['--target', 'y', '--special=-999'])
})

test('credit psi with a Parquet actual sample equals the CSV one', () => {
  const {dir: split, train, test: testCsv} = germanSplit()
  const bins = join(split, 'bins.json')
  const fit = runCliJson(['credit', 'bin', train, '--target', 'creditability', '--bad', 'bad', '--out', bins])
  assert.equal(fit.result.status, 0, fit.result.stderr)
  const testParquet = csvToParquet(testCsv, 'test.parquet', 64)
  const a = runCliJson(['credit', 'psi', train, testCsv, '--bins', bins])
  const b = runCliJson(['credit', 'psi', train, testParquet, '--bins', bins])
  assert.equal(b.result.status, 0, b.result.stderr)
  assertMatchesSchema(b.json, 'credit-psi.schema.json')
  assert.deepEqual(b.json.result, a.json.result)
})
