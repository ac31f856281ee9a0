/**
 * The bin counts of one line-aligned byte range of a CSV file (./count-bins.ts countColumns), with the range's
 * quotes and physical lines (./csv-ranges.ts). Run by ./count-bins-parallel.ts on the calling thread for the first
 * range and by the worker entry ./count-range-worker.ts for the others, so one function defines what a range
 * gives wherever it runs. Any failure is a plain `ok: false`: the caller then counts the file in a single pass,
 * which reports the error with its line. A failure raises the shared `abort` flag, so the other ranges stop at
 * their next batch.
 */
import type {FeatureBinning} from '../kernels/feature-binning.js'
import type {BinCountResult} from './count-bins.js'
import {countColumns} from './count-bins.js'
import {RangeTally, rangeBatches, settleRange, type RangeFacts} from './csv-ranges.js'
import type {ByteBatch} from './table-source.js'
import {Utf8Check} from './utf8-check.js'

export interface CountRangeJob {
  readonly file: string
  readonly header: readonly string[]
  readonly range: readonly [number, number]
  readonly crlf: boolean
  readonly binnings: readonly FeatureBinning[]
  /** Int32Array over a SharedArrayBuffer: 1 once any range failed. */
  readonly abort: Int32Array
}

export type CountRangeReply = ({ok: true; result: Omit<BinCountResult, 'warnings'>} & RangeFacts) | {ok: false}

/** Counts the job's range; never throws (a failure is `ok: false`, with the abort flag raised). */
export function countRange(job: CountRangeJob): Promise<CountRangeReply> {
  return settleRange(job.abort, () => readRange(job))
}

async function readRange(job: CountRangeJob): Promise<CountRangeReply> {
  const state = {line: 0, crlf: job.crlf, width: job.header.length}
  const utf8 = new Utf8Check(job.file, [], () => undefined)
  const tally = new RangeTally()
  let aborted = false
  async function* batches(): AsyncGenerator<ByteBatch> {
    for await (const batch of rangeBatches(job.file, job.range, state, utf8, tally)) {
      if ((aborted = Atomics.load(job.abort, 0) !== 0)) return
      yield batch
    }
  }
  const result = await countColumns(job.file, job.header, batches(), job.binnings)
  if (aborted) return {ok: false}
  return {ok: true, result, quotes: tally.quotes, lines: state.line + tally.parsedLines, utf8: utf8.firstPlace}
}
