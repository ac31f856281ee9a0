/**
 * A SQL engine that counts credit data where it lives: DuckDB (embedded, reads CSV and Parquet
 * files out of core on all cores) or PostgreSQL (a table or a query). Both run the queries of
 * ./credit-queries.ts and hand back a counts table; the statistics stay in process.
 */
import {InputError} from '../../../core/errors.js'
import type {BinResult} from '../kernels/bin-features.js'
import type {CountsTable} from '../kernels/counts-table.js'
import type {ColumnSelection} from '../pipeline/bin.js'
import type {EngineChoice} from './count-with-engine.js'
import type {Scorecard} from '../kernels/woe-scorecard.js'
import type {ScoredRows} from './sql-scoring.js'

/** Quantile binning request: the in-process defaults of `credit bin --method quantile`. */
export interface QuantileFit {
  readonly select: ColumnSelection
  readonly maxBins: number
}

export interface SqlEngine {
  readonly name: 'duckdb' | 'postgres'
  readonly version: string
  /** Every query run, in order (credentials never appear in them). */
  readonly queries: string[]
  countInBins(source: string, bins: BinResult, target: string | null): Promise<CountsTable>
  fitQuantileBins(source: string, fit: QuantileFit): Promise<CountsTable>
  /** Scores every row with a scorecard, in the engine (./sql-scoring.ts). */
  scoreRows(source: string, card: Scorecard): Promise<ScoredRows>
  close(): Promise<void>
}

export async function openSqlEngine(choice: EngineChoice): Promise<SqlEngine> {
  if (choice.engine === 'duckdb') return (await import('./duckdb-engine.js')).openDuckdb()
  if (choice.engine === 'postgres') return (await import('./postgres-engine.js')).openPostgres(choice.url)
  throw new InputError('no SQL engine for in-process counting', {field: '--engine'})
}
