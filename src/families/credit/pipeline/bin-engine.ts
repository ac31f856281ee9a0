/**
 * `credit bin` from any source: a counts table (--from-counts), a SQL engine (--engine duckdb or
 * postgres: cut points and counts in SQL), or the in-process reader (./bin.ts). Whatever counted,
 * the statistics come from the counts through the same kernels.
 */
import {InputError} from '../../../core/errors.js'
import type {Stopwatch} from '../../../core/report/timings.js'
import type {CountEngine} from '../engine/count-with-engine.js'
import {runCreditBin, type BinOutcome, type BinRequest} from './bin.js'
import {binFromCounts} from './from-counts.js'

/** What a report records about the engine that counted: never credentials. */
export interface EngineRecord {
  readonly name: string
  readonly version: string
  readonly queries: readonly string[]
}

export interface BinSources {
  readonly fromCounts?: string
  readonly engine: CountEngine
}

export async function runCreditBinFrom(
  request: BinRequest,
  sources: BinSources,
  stopwatch: Stopwatch,
): Promise<BinOutcome & {engine?: EngineRecord}> {
  const {fromCounts, engine} = sources
  if (fromCounts) {
    // the counts-file reader pulls in the Parquet libraries: loaded only for --from-counts
    const {readCountsFile} = await import('../io/counts-file.js')
    const table = await stopwatch.time('read', () => readCountsFile(fromCounts))
    return {result: binFromCounts(fromCounts, table, request.info), warnings: []}
  }
  if (engine.name === 'in-process') return runCreditBin(request, stopwatch)
  const b = request.binning
  if (b.method !== 'quantile' || b.minBinSize > 0 || b.monotonic !== 'none')
    throw new InputError(
      `--engine ${engine.name} fits quantile bins without size or trend constraints (got --method ${b.method}); fit other methods in process, then count with \`credit counts --engine ${engine.name}\``,
      {field: '--engine'},
    )
  const sql = await engine.sql()
  const table = await stopwatch.time('count', () =>
    sql.fitQuantileBins(request.data, {select: request.select, maxBins: b.maxBins}),
  )
  return {
    result: {...binFromCounts(request.data, table, request.info), method: 'quantile'},
    warnings: [],
    engine: {name: sql.name, version: sql.version, queries: sql.queries},
  }
}
