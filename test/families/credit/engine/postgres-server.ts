/**
 * A throwaway PostgreSQL server for the equality tests: initdb in a temporary data directory,
 * pg_ctl start on a Unix socket in that directory (no TCP), tables loaded with COPY, pg_ctl stop
 * at the end. As root the server programs run as the `postgres` user (runuser), as PostgreSQL
 * refuses to run as root. Returns null (the tests skip, visibly) where Debian's `postgresql`
 * package is not installed.
 */
import {execFileSync} from 'node:child_process'
import {chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

export interface PostgresServer {
  /** A connection URL (password included, to test that reports never show it). */
  readonly url: string
  /** Loads a CSV into a table of text columns, as COPY reads it. */
  load(table: string, csv: string, columns: readonly string[]): void
  /** Loads a large CSV with `\n` line endings as it is (no copy in memory); the file must be world-readable. */
  copyLarge(table: string, csv: string, columns: readonly string[]): void
  stop(): void
}

function binDir(): string | null {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return null
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a))
  for (const v of versions) if (existsSync(join(root, v, 'bin', 'initdb'))) return join(root, v, 'bin')
  return null
}

export function startPostgres(): PostgresServer | null {
  const bin = binDir()
  if (!bin) return null
  const asRoot = process.getuid?.() === 0
  const run = (program: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, program), ...args], {stdio: 'pipe'})
      : execFileSync(join(bin, program), args, {stdio: 'pipe'})
  const dir = mkdtempSync(join(tmpdir(), 'infolens-pg-'))
  chmodSync(dir, 0o777)
  const data = join(dir, 'data')
  const port = String(20000 + Math.floor(Math.random() * 20000))
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync'])
  run('pg_ctl', [
    '-D',
    data,
    '-w',
    '-l',
    join(dir, 'log'),
    '-o',
    `-k ${dir} -p ${port} -c listen_addresses=''`,
    'start',
  ])
  const psql = (sql: string) =>
    run('psql', ['-h', dir, '-p', port, '-U', 'postgres', '-v', 'ON_ERROR_STOP=1', '-c', sql])
  return {
    url: `postgres://postgres:not-a-real-secret@${encodeURIComponent(dir)}:${port}/postgres`,
    load(table, csv, columns) {
      const copy = join(dir, `${table}.csv`)
      // one line ending throughout: COPY rejects files that mix \r\n and \n
      writeFileSync(copy, readFileSync(csv, 'utf8').replace(/\r\n/g, '\n'))
      chmodSync(copy, 0o644)
      psql(`CREATE TABLE "${table}" (${columns.map((c) => `"${c}" text`).join(', ')})`)
      psql(`\\copy "${table}" FROM '${copy}' WITH (FORMAT csv, HEADER true)`)
    },
    copyLarge(table, csv, columns) {
      psql(`CREATE TABLE "${table}" (${columns.map((c) => `"${c}" text`).join(', ')})`)
      psql(`\\copy "${table}" FROM '${csv}' WITH (FORMAT csv, HEADER true)`)
    },
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-w', '-m', 'fast', 'stop'])
      } finally {
        rmSync(dir, {recursive: true, force: true})
      }
    },
  }
}
