/**
 * Flags that choose where credit data is counted: in process (the streaming reader), in an
 * embedded DuckDB, or in a PostgreSQL server. Lives outside src/commands/ (oclif loads every file
 * there as a command).
 */
import {Flags} from '@oclif/core'

export const engineFlags = {
  engine: Flags.option({
    options: ['in-process', 'duckdb', 'postgres'] as const,
    default: 'in-process' as const,
    summary: 'Where the counts are computed: the streaming reader, DuckDB (embedded), or PostgreSQL.',
  })(),
  url: Flags.string({
    summary: 'postgres: connection URL postgres://user@host:port/db (default: PGHOST, PGUSER, … from the environment).',
    helpValue: 'URL',
  }),
  table: Flags.string({summary: 'postgres: read this table instead of a file.', helpValue: 'NAME'}),
  query: Flags.string({
    summary: "postgres: read the rows of this query ('select … from … where …').",
    helpValue: 'SQL',
  }),
}

export type EngineName = 'in-process' | 'duckdb' | 'postgres'
