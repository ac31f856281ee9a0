/**
 * The profile of one line-aligned byte range of a CSV file: the target's class slots and every feature's profile
 * (./table-profiler.ts), with the range's quotes and physical lines. Run by ./profile-parallel.ts on the calling
 * thread for the first range and by the worker entry ./profile-range-worker.ts for the others, so one function
 * defines what a range gives wherever it runs. Any failure (a bad cell, a ragged row, a quote csv-parse rejects)
 * is a plain `ok: false`: the caller then reads the file in a single pass, which reports the error with the right
 * line. A failure also raises the shared `abort` flag, so the other ranges stop at their next batch instead of
 * finishing work that will be thrown away.
 */
import {RangeTally, rangeBatches, settleRange} from './csv-ranges.js'
import {TableProfiler, type ColumnRules, type SlotProfile} from './table-profiler.js'
import {Utf8Check, type Utf8Place} from './utf8-check.js'

/** What a range's profiler is given. */
export interface RangeJob {
  readonly file: string
  readonly range: readonly [number, number]
  readonly crlf: boolean
  readonly width: number
  readonly targetName: string
  readonly target: number
  readonly names: readonly string[]
  readonly columns: readonly number[]
  readonly rules: ColumnRules
  readonly bad?: string
  /** Int32Array over a SharedArrayBuffer: 1 once any range failed. */
  readonly abort: Int32Array
}

/** What it gives back: the part, its quotes and physical lines, the first bytes that are not UTF-8 (range lines). */
export type RangeReply = {ok: true; part: SlotProfile; quotes: number; lines: number; utf8?: Utf8Place} | {ok: false}

/** Profiles the job's range; never throws (a failure is `ok: false`, with the abort flag raised). */
export function profileRange(job: RangeJob): Promise<RangeReply> {
  return settleRange(job.abort, () => readRange(job))
}

async function readRange(job: RangeJob): Promise<RangeReply> {
  const profiler = new TableProfiler(job.file, job.targetName, job.target, job.names, job.columns, job.rules, job.bad)
  const state = {line: 0, crlf: job.crlf, width: job.width}
  const utf8 = new Utf8Check(job.file, [], () => undefined)
  const tally = new RangeTally()
  for await (const batch of rangeBatches(job.file, job.range, state, utf8, tally)) {
    if (Atomics.load(job.abort, 0) !== 0) return {ok: false}
    profiler.add(batch)
  }
  const lines = state.line + tally.parsedLines
  return {ok: true, part: profiler.finish(), quotes: tally.quotes, lines, utf8: utf8.firstPlace}
}
