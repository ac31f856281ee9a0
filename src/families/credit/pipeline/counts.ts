/**
 * `credit counts` end to end: count DATA in saved bins with the chosen engine and write the
 * counts table (CSV, JSON or Parquet by the extension of OUT).
 */
import type {Stopwatch} from '../../../core/report/timings.js'
import {readBinningFile} from '../io/binning-file.js'
import {countTableRows} from '../io/count-table-rows.js'
import {writeCountsFile} from '../io/counts-file.js'
import {countRowsOf, type CountsTable} from '../kernels/counts-table.js'

export interface CountsRequest {
  readonly data: string
  readonly bins: string
  /** Target column (default: the one the bins were fitted for; absent from DATA → class "all"). */
  readonly target?: string
  readonly out?: string
}

export interface CountsSummary {
  readonly target: string | null
  readonly classes: boolean
  readonly engine: string
  readonly features: number
  readonly rows: number
  readonly count_rows: number
  readonly out: string | null
}

export async function runCreditCounts(
  request: CountsRequest,
  stopwatch: Stopwatch,
  count: (
    data: string,
    bins: ReturnType<typeof readBinningFile>,
    target: string | null,
  ) => Promise<CountsTable> = countTableRows,
): Promise<{table: CountsTable; summary: CountsSummary}> {
  const bins = readBinningFile(request.bins)
  const table = await stopwatch.time('count', () => count(request.data, bins, request.target ?? bins.target))
  // a .json table is written by the command, inside its report (the JSON form of the table)
  if (request.out && !/\.json$/i.test(request.out))
    await stopwatch.time('write', () => writeCountsFile(request.out!, table))
  const f = table.features[0]
  let rows = f ? f.unmatched[0] + f.unmatched[1] : 0
  f?.goods.forEach((g, i) => (rows += g + f.bads[i]))
  return {
    table,
    summary: {
      target: table.target,
      classes: table.classes,
      engine: table.engine ?? 'in-process',
      features: table.features.length,
      rows,
      count_rows: countRowsOf(table).length,
      out: request.out ?? null,
    },
  }
}
