/**
 * `credit sql`: the cut-point queries (one per numeric feature) and the counts-table query in a
 * dialect, for engines infolens does not connect to. duckdb and postgres text is the text the
 * engines run in the tests; spark and bigquery text is generated only.
 */
import {InputError} from '../../../core/errors.js'
import {duckdbRelation} from '../engine/duckdb-relation.js'
import {ident, type Dialect, type SqlColumn} from '../engine/credit-queries.js'
import {countsTableSql, cutPointsSql} from '../engine/portable-queries.js'
import {readBinningFile} from '../io/binning-file.js'

export interface SqlRequest {
  readonly dialect: Dialect
  /** A table name (schema.table), or for duckdb a CSV/Parquet path. */
  readonly table: string
  readonly bins?: string
  readonly target?: string
  readonly features: readonly string[]
  readonly special: readonly string[]
  readonly maxBins: number
}

export interface SqlQueries {
  readonly dialect: Dialect
  /** Whether infolens runs this dialect against a live engine in its tests. */
  readonly tested_live: boolean
  readonly queries: readonly {readonly name: string; readonly sql: string}[]
}

function relation(table: string, d: Dialect): string {
  if (d === 'duckdb' && /\.(csv|parquet)$/i.test(table)) return duckdbRelation(table)
  return table
    .split('.')
    .map((p) => ident(p, d))
    .join('.')
}

export function buildCreditSql(r: SqlRequest): SqlQueries {
  const source = relation(r.table, r.dialect)
  // columns are read as text and parsed by the cell rules: right for CSV-loaded tables, and for
  // typed number columns as far as the engine's number → text cast round-trips
  const col = (name: string): SqlColumn => ({name, numericType: false})
  const queries: {name: string; sql: string}[] = []
  if (r.bins) {
    const bins = readBinningFile(r.bins)
    const target = r.target ?? bins.target
    const features = bins.features.map((f) => ({column: col(f.feature), binning: f.binning}))
    queries.push({
      name: 'counts',
      sql: countsTableSql(source, features, target ? col(target) : null, bins.bad_label, r.dialect),
    })
  } else {
    if (r.features.length === 0)
      throw new InputError('expected --features (numeric columns to cut) or --bins FILE (the counts query)', {
        field: '--features',
      })
    const special = [...new Set(r.special.map((s) => s.trim()))]
    for (const f of r.features)
      queries.push({name: `cut points: ${f}`, sql: cutPointsSql(source, col(f), special, r.maxBins, r.dialect)})
  }
  return {dialect: r.dialect, tested_live: r.dialect === 'duckdb' || r.dialect === 'postgres', queries}
}
