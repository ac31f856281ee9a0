/**
 * The engine a credit command counts with, chosen by --engine: the in-process streaming reader,
 * DuckDB or PostgreSQL. Each returns the same counts table (../kernels/counts-table.ts); the
 * statistics never know which engine counted.
 */
import {InputError} from '../../../core/errors.js'
import {countTableRows} from '../io/count-table-rows.js'
import type {BinResult} from '../kernels/bin-features.js'
import type {CountsTable} from '../kernels/counts-table.js'
import type {EngineName} from './engine-flags.js'
import {openSqlEngine, type SqlEngine} from './sql-engine.js'
import {redactUrl} from './redact-url.js'

export interface EngineChoice {
  readonly engine: EngineName
  readonly url?: string
  readonly table?: string
  readonly query?: string
}

export interface CountEngine {
  readonly name: EngineName
  /** The data source: a file path, or for postgres a table name or query. */
  source(arg: string | undefined, role?: string): string
  count(data: string, bins: BinResult, target: string | null): Promise<CountsTable>
  /** The SQL engine behind duckdb/postgres (opened on first use). */
  sql(): Promise<SqlEngine>
  close(): Promise<void>
  /** The flags as recorded in the report: no password ever. */
  redactedOptions(flags: Record<string, unknown>): Record<string, unknown>
}

export function countWithEngine(choice: EngineChoice): CountEngine {
  let opened: Promise<SqlEngine> | undefined
  const sql = () => (opened ??= openSqlEngine(choice))
  return {
    name: choice.engine,
    source(arg, role = 'DATA') {
      if (choice.engine === 'postgres') {
        const s = choice.query ?? choice.table ?? arg
        if (!s) throw new InputError(`expected ${role} as a table name, or --table/--query`, {field: role})
        return s
      }
      if (choice.query || choice.table)
        throw new InputError('--table and --query need --engine postgres', {
          field: choice.query ? '--query' : '--table',
        })
      if (!arg) throw new InputError(`expected ${role}, a CSV or Parquet file`, {field: role})
      return arg
    },
    async count(data, bins, target) {
      if (choice.engine === 'in-process') return countTableRows(data, bins, target)
      return (await sql()).countInBins(data, bins, target)
    },
    sql,
    async close() {
      if (opened) await (await opened).close()
    },
    redactedOptions(flags) {
      return {...flags, ...(typeof flags.url === 'string' ? {url: redactUrl(flags.url)} : {})}
    },
  }
}
