/**
 * Worker-thread entry of ./profile-parallel.ts: profiles one line-aligned byte range of a CSV file (the target's
 * class slots and every feature's profile, ./table-profiler.ts) and posts the part back with the range's quotes
 * and physical lines. Any failure (a bad cell, a ragged row, a quote csv-parse rejects) is posted as a plain
 * `ok: false`: the caller then reads the file in a single pass, which reports the error with the right line.
 * A failure also raises the shared `abort` flag, so the other ranges stop at their next batch instead of
 * finishing work that will be thrown away.
 */
import {parentPort, workerData} from 'node:worker_threads'
import {RangeTally, rangeBatches} from './csv-ranges.js'
import {TableProfiler, type ColumnRules, type SlotProfile} from './table-profiler.js'
import {Utf8Check, type Utf8Place} from './utf8-check.js'

/** What the worker is given. */
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

/** What it posts back: the part, its quotes and physical lines, the first bytes that are not UTF-8 (range lines). */
export type RangeReply = {ok: true; part: SlotProfile; quotes: number; lines: number; utf8?: Utf8Place} | {ok: false}

async function profileRange(job: RangeJob): Promise<RangeReply> {
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

const job = workerData as RangeJob
let reply: RangeReply
try {
  reply = await profileRange(job)
} catch {
  reply = {ok: false}
}
if (!reply.ok) Atomics.store(job.abort, 0, 1)
parentPort?.postMessage(reply)
