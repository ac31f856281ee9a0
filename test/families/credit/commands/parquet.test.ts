import {test} from 'node:test'
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {parse} from 'csv-parse/sync'
import {asyncBufferFromFile, parquetMetadataAsync, type FileMetaData} from 'hyparquet'
import {parquetWriteFile, type ColumnSource} from 'hyparquet-writer'
import {runCliJson, tempDir} from '../../../helpers/cli.js'
import {assertMatchesSchema} from '../../../helpers/schema.js'
import {germanCsv, germanSplit} from './german-split.js'

const dir = tempDir('infolens-credit-parquet-')
const generatedCsv = new URL('../../../fixtures/credit/generated.csv', import.meta.url).pathname

/**
 * The CSV as Parquet, written by hyparquet-writer: a column whose non-empty cells are all numbers
 * becomes OPTIONAL DOUBLE, any other OPTIONAL STRING (BYTE_ARRAY, UTF8); empty cells become nulls.
 * Small row groups, so the reader streams several. By default the pages are SNAPPY-compressed with
 * the writer's own choice of dictionary encoding (as most files in the wild); `plain` writes
 * uncompressed PLAIN pages instead.
 */
function csvToParquet(csv: string, name: string, rowGroupSize = 128, plain = false): string {
  const [header, ...rows] = parse(readFileSync(csv, 'utf8')) as string[][]
  const columnData: ColumnSource[] = header.map((h, j) => {
    const cells = rows.map((r) => r[j])
    const numeric = cells.every((c) => c === '' || !Number.isNaN(Number(c)))
    return {
      name: h,
      type: numeric ? 'DOUBLE' : 'STRING',
      nullable: true,
      data: cells.map((c) => (c === '' ? null : numeric ? Number(c) : c)),
      ...(plain ? {encoding: 'PLAIN' as const} : {}),
    }
  })
  const path = join(dir, name)
  parquetWriteFile({filename: path, columnData, rowGroupSize, ...(plain ? {codec: 'UNCOMPRESSED' as const} : {})})
  return path
}

async function metadataOf(parquet: string): Promise<FileMetaData> {
  return parquetMetadataAsync(await asyncBufferFromFile(parquet))
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

test('the Parquet files are what the reader must cope with: several row groups, OPTIONAL DOUBLE and UTF8 columns, nulls', async () => {
  const german = await metadataOf(csvToParquet(germanCsv, 'german-meta.parquet', 300))
  assert.equal(Number(german.num_rows), 1000)
  assert.equal(german.row_groups.length, 4)
  const leaves = german.schema.slice(1)
  assert.equal(leaves.length, german.schema[0].num_children)
  for (const e of leaves) assert.equal(e.repetition_type, 'OPTIONAL', e.name)
  assert.ok(leaves.some((e) => e.type === 'DOUBLE'))
  const strings = leaves.filter((e) => e.type === 'BYTE_ARRAY')
  assert.ok(strings.length > 0)
  for (const e of strings) assert.equal(e.converted_type, 'UTF8', e.name)
  assert.equal(german.row_groups[0].columns[0].meta_data?.codec, 'SNAPPY')

  const generated = await metadataOf(csvToParquet(generatedCsv, 'generated-meta.parquet', 200, true))
  assert.equal(generated.row_groups.length, 10)
  const chunks = generated.row_groups.flatMap((g) => g.columns.map((c) => c.meta_data!))
  for (const m of chunks) {
    assert.equal(m.codec, 'UNCOMPRESSED')
    assert.deepEqual(
      m.encodings.filter((e) => e !== 'RLE'),
      ['PLAIN'],
      m.path_in_schema.join('.'),
    )
  }
  const nulls = chunks.reduce((n, m) => n + Number(m.statistics?.null_count ?? 0), 0)
  assert.ok(nulls > 0, 'the generated set has missing cells, written as Parquet nulls')
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

test('missing cells (Parquet nulls) and special values bin identically in CSV and Parquet (SNAPPY and PLAIN pages)', () => {
  for (const plain of [false, true]) {
    const parquet = csvToParquet(generatedCsv, `generated-${plain ? 'plain' : 'snappy'}.parquet`, 200, plain)
    assertSameBinning(generatedCsv, parquet, ['--target', 'y', '--special=-999'])
  }
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
