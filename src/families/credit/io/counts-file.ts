/**
 * Reads and writes the counts table (../kernels/counts-table.ts) as CSV, JSON or Parquet, chosen
 * by extension. Parquet is written with hyparquet-writer and read with hyparquet (through the same
 * table reader as data files); the table's metadata (target, class labels, method, engine) travels
 * as Parquet key-value metadata or as the JSON object's header, and CSV carries rows only.
 * Every rule a row breaks is one InputError naming the file and the field: counts must be
 * non-negative integers, because the statistics assume multinomial counts.
 */
import {readFileSync} from 'node:fs'
import {asyncBufferFromFile, parquetMetadataAsync} from 'hyparquet'
import {parquetWriteBuffer} from 'hyparquet-writer'
import {InputError} from '../../../core/errors.js'
import {writeFileAtomic} from '../../../core/io/atomic-write.js'
import {countRowsOf, type CountRow, type CountsMeta, type CountsTable} from '../kernels/counts-table.js'
import {countsTableOf} from './counts-table-check.js'
import {openTable} from './open-table.js'

export const COUNTS_SCHEMA = 'infolens.credit.counts/1'
const META_KEY = 'infolens.credit.counts'
const COLUMNS = ['feature', 'bin_id', 'bin', 'class', 'count'] as const

type RawRow = Record<string, unknown>

function csvField(v: string | number): string {
  const s = String(v)
  return /[",\n\r]/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s
}

function metaOf(t: CountsTable): CountsMeta {
  return {
    target: t.target,
    good_label: t.good_label,
    bad_label: t.bad_label,
    method: t.method,
    ...(t.engine ? {engine: t.engine} : {}),
  }
}

/** The JSON form of the table: its metadata and rows. */
export function countsJson(table: CountsTable): CountsMeta & {rows: CountRow[]} {
  return {...metaOf(table), rows: countRowsOf(table)}
}

export function writeCountsFile(file: string, table: CountsTable): void {
  const rows = countRowsOf(table)
  if (/\.parquet$/i.test(file)) {
    const buffer = parquetWriteBuffer({
      columnData: [
        {name: 'feature', data: rows.map((r) => r.feature), type: 'STRING', nullable: false},
        {name: 'bin_id', data: Int32Array.from(rows, (r) => r.bin_id), type: 'INT32', nullable: false},
        {name: 'bin', data: rows.map((r) => r.bin), type: 'STRING', nullable: false},
        {name: 'class', data: rows.map((r) => r.class), type: 'STRING', nullable: false},
        {name: 'count', data: Float64Array.from(rows, (r) => r.count), type: 'DOUBLE', nullable: false},
      ],
      kvMetadata: [{key: META_KEY, value: JSON.stringify(metaOf(table))}],
    })
    writeFileAtomic(file, new Uint8Array(buffer))
  } else if (/\.json$/i.test(file)) {
    writeFileAtomic(file, JSON.stringify({schema: COUNTS_SCHEMA, ...countsJson(table)}, null, 1) + '\n')
  } else {
    const lines = rows.map((r) => COLUMNS.map((c) => csvField(r[c])).join(','))
    writeFileAtomic(file, [COLUMNS.join(','), ...lines].join('\n') + '\n')
  }
}

async function readTabular(file: string): Promise<{rows: RawRow[]; meta: Partial<CountsMeta>}> {
  const source = await openTable(file)
  const rows: RawRow[] = []
  for await (const batch of source.batches())
    for (const record of batch) rows.push(Object.fromEntries(source.header.map((h, i) => [h, record[i]])))
  let meta: Partial<CountsMeta> = {}
  if (/\.parquet$/i.test(file)) {
    const kv = (await parquetMetadataAsync(await asyncBufferFromFile(file))).key_value_metadata ?? []
    const entry = kv.find((e) => e.key === META_KEY)
    if (entry?.value) meta = JSON.parse(entry.value) as Partial<CountsMeta>
  }
  for (const c of COLUMNS)
    if (rows.length > 0 && !(c in rows[0])) throw new InputError('counts table column not found', {file, field: c})
  return {rows, meta}
}

function readJson(file: string): {rows: RawRow[]; meta: Partial<CountsMeta>} {
  let doc: unknown
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    const e = error as NodeJS.ErrnoException
    throw new InputError(e.code === 'ENOENT' ? 'file not found' : 'not valid JSON', {file})
  }
  if (Array.isArray(doc)) return {rows: doc as RawRow[], meta: {}}
  // `credit counts --out FILE.json` writes its report, the table under result.table
  const report = (doc as {result?: {table?: unknown}} | null)?.result?.table
  if (report && typeof report === 'object') doc = report
  const rows = (doc as {rows?: unknown} | null)?.rows
  if (!Array.isArray(rows)) throw new InputError('expected an array of count rows (or {"rows": [...]})', {file})
  return {rows: rows as RawRow[], meta: doc as Partial<CountsMeta>}
}

/** Reads and checks a counts table. */
export async function readCountsFile(file: string): Promise<CountsTable> {
  const {rows, meta} = /\.json$/i.test(file) ? readJson(file) : await readTabular(file)
  return countsTableOf(file, rows, meta)
}

export type {CountRow}
