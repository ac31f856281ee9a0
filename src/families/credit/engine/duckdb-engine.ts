/**
 * DuckDB (embedded, @duckdb/node-api) as a credit counting engine. It reads the CSV or Parquet
 * file itself, out of core and on all cores: CSV with every column as text (so cells follow the
 * same missing/number rules as the streaming reader), Parquet with its stored types.
 */
import {existsSync} from 'node:fs'
import {DuckDBInstance} from '@duckdb/node-api'
import {InputError} from '../../../core/errors.js'
import type {SqlColumn} from './credit-queries.js'
import {duckdbRelation} from './duckdb-relation.js'
import {countInBinsSql, fitQuantileSql, type SqlRunner} from './sql-counting.js'
import {scoreRowsInEngine} from './sql-scoring.js'
import type {SqlEngine} from './sql-engine.js'

const NUMERIC =
  /^(DOUBLE|FLOAT|REAL|TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|DECIMAL)/

export async function openDuckdb(): Promise<SqlEngine> {
  const instance = await DuckDBInstance.create(':memory:')
  const connection = await instance.connect()
  const queries: string[] = []
  const raw = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjects() as Record<string, unknown>[]
  const [{v}] = await raw('SELECT version() AS v')
  const version = String(v)
  const runner: SqlRunner = {
    dialect: 'duckdb',
    engine: `duckdb ${version}`,
    async run(sql) {
      queries.push(sql)
      try {
        return await raw(sql)
      } catch (error) {
        throw new InputError(`duckdb: ${(error as Error).message.split('\n')[0]}`, {field: 'query'})
      }
    },
    relation: duckdbRelation,
    async columns(file) {
      if (!existsSync(file)) throw new InputError('file not found', {file})
      let rows: Record<string, unknown>[]
      try {
        rows = await raw(`DESCRIBE SELECT * FROM ${duckdbRelation(file)}`)
      } catch (error) {
        throw new InputError(`duckdb cannot read it (${(error as Error).message.split('\n')[0]})`, {file})
      }
      return rows.map((r): SqlColumn => ({
        name: String(r.column_name),
        numericType: NUMERIC.test(String(r.column_type)),
      }))
    },
  }
  return {
    name: 'duckdb',
    version,
    queries,
    countInBins: (source, bins, target) => countInBinsSql(runner, source, bins, target),
    fitQuantileBins: (source, fit) => fitQuantileSql(runner, source, fit),
    scoreRows: (source, card) => scoreRowsInEngine(runner, source, card),
    async close() {
      connection.closeSync()
      instance.closeSync()
    },
  }
}
