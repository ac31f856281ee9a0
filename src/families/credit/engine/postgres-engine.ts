/**
 * PostgreSQL (the `pg` client) as a credit counting engine: the rows of a table or of a query
 * (`--query 'select … from applications where …'`) are counted in the server; only the counts come
 * back. Connection from --url or the PG* environment variables. Errors name the engine and the
 * field (connection, the table or query, a column) on one line, with the password removed.
 */
import pg from 'pg'
import {InputError} from '../../../core/errors.js'
import {ident, type SqlColumn} from './credit-queries.js'
import {redactSecret, redactUrl} from './redact-url.js'
import {countInBinsSql, fitQuantileSql, type SqlRunner} from './sql-counting.js'
import {scoreRowsInEngine} from './sql-scoring.js'
import type {SqlEngine} from './sql-engine.js'

/** int2, int4, int8, float4, float8, numeric, oid. */
const NUMERIC_OIDS = new Set([20, 21, 23, 700, 701, 1700, 26])

const isQuery = (source: string) => /^\s*(select|with|values|table)\b/i.test(source)

export function postgresRelation(source: string): string {
  if (isQuery(source)) return `(${source.trim().replace(/;\s*$/, '')})`
  return source
    .split('.')
    .map((part) => ident(part, 'postgres'))
    .join('.')
}

function passwordOf(url: string | undefined): string | undefined {
  if (url) {
    try {
      const p = new URL(url).password
      if (p) return decodeURIComponent(p)
    } catch {
      /* not a URL: the client reports it */
    }
  }
  return process.env.PGPASSWORD || undefined
}

export async function openPostgres(url?: string): Promise<SqlEngine> {
  const secret = passwordOf(url)
  const clean = (e: unknown) => redactSecret(redactUrl((e as Error).message.split('\n')[0]), secret)
  const client = new pg.Client(url ? {connectionString: url} : {})
  try {
    await client.connect()
  } catch (error) {
    await client.end().catch(() => undefined)
    throw new InputError(`postgres: cannot connect (${clean(error)})`, {field: 'connection'})
  }
  const queries: string[] = []
  const version = String((await client.query('SHOW server_version')).rows[0].server_version)
  const runner: SqlRunner = {
    dialect: 'postgres',
    engine: `postgres ${version}`,
    async run(sql) {
      queries.push(sql)
      try {
        return (await client.query(sql)).rows as Record<string, unknown>[]
      } catch (error) {
        throw new InputError(`postgres: ${clean(error)}`, {field: 'query'})
      }
    },
    relation: postgresRelation,
    async columns(source) {
      const sql = `SELECT * FROM ${postgresRelation(source)} AS src LIMIT 0`
      queries.push(sql)
      try {
        const r = await client.query(sql)
        return r.fields.map((f): SqlColumn => ({name: f.name, numericType: NUMERIC_OIDS.has(f.dataTypeID)}))
      } catch (error) {
        throw new InputError(`postgres: ${clean(error)}`, {field: isQuery(source) ? '--query' : source})
      }
    },
  }
  return {
    name: 'postgres',
    version,
    queries,
    countInBins: (source, bins, target) => countInBinsSql(runner, source, bins, target),
    fitQuantileBins: (source, fit) => fitQuantileSql(runner, source, fit),
    scoreRows: (source, card) => scoreRowsInEngine(runner, source, card),
    close: () => client.end(),
  }
}
