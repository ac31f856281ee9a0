/**
 * `credit psi` from any source: two counts tables (--from-counts), a SQL engine counting both
 * tables in the saved bins (--engine duckdb or postgres), or the in-process reader (./psi.ts).
 */
import {InputError} from '../../../core/errors.js'
import type {Stopwatch} from '../../../core/report/timings.js'
import type {CountEngine} from '../engine/count-with-engine.js'
import {readBinningFile} from '../io/binning-file.js'
import type {EngineRecord} from './bin-engine.js'
import {psiFromCounts} from './from-counts.js'
import {runCreditPsi, type PsiRequest, type PsiResult} from './psi.js'

export async function runCreditPsiFrom(
  request: PsiRequest,
  sources: {readonly fromCounts: boolean; readonly engine: CountEngine},
  stopwatch: Stopwatch,
): Promise<{psi: PsiResult; sql_engine?: EngineRecord; warnings?: readonly string[]}> {
  const {expected, actual} = request
  const files = [expected, actual] as const
  if (sources.fromCounts) {
    if (request.score) throw new InputError('--score needs the rows, not counts', {field: '--score'})
    // the counts-file reader pulls in the Parquet libraries: loaded only for --from-counts
    const {readCountsFile} = await import('../io/counts-file.js')
    const [e, a] = await stopwatch.time('read', () => Promise.all(files.map(readCountsFile)))
    return {psi: psiFromCounts(files, e, a, request)}
  }
  if (!request.bins) throw new InputError('missing required flag --bins (or pass --from-counts)', {field: '--bins'})
  if (sources.engine.name === 'in-process') return runCreditPsi(request, stopwatch)
  if (request.score) throw new InputError(`--score is counted in process only`, {field: '--score'})
  const bins = readBinningFile(request.bins)
  const sql = await sources.engine.sql()
  const e = await stopwatch.time('count', () => sql.countInBins(expected, bins, null))
  const a = await stopwatch.time('count', () => sql.countInBins(actual, bins, null))
  return {
    psi: psiFromCounts(files, e, a, request),
    sql_engine: {name: sql.name, version: sql.version, queries: sql.queries},
  }
}
