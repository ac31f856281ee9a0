/**
 * Bin counts of several files at once (`credit psi`: expected and actual). The threads are shared out among the
 * files: a CSV file large enough (./csv-ranges.ts fanOut) gets threads/files line-aligned byte ranges, each counted
 * on its own worker (./range-count.ts), except the first file's first range, which the calling thread counts, their
 * counts summed; otherwise the first file is counted in the calling thread and each other one on a worker of its
 * own (./count-bins-worker.ts), so two files take about the time of one on two cores. Counting is a sum over
 * rows, so the ranges' counts add up to the single pass's exactly; a range that fails (a bad cell, a cut inside
 * quotes) sends its file to the single pass, which reports the error with its line. Without the compiled worker
 * scripts (running from TypeScript sources outside tsx) the files are counted one after the other in this thread:
 * same counts. Errors are reported for the first failing file in argument order.
 */
import {availableParallelism} from 'node:os'
import {InputError, InternalError} from '../../../core/errors.js'
import type {FeatureBinning} from '../kernels/feature-binning.js'
import {countBins, type BinCountResult} from './count-bins.js'
import {countRange, type CountRangeJob, type CountRangeReply} from './range-count.js'
import {cutsOutsideQuotes, fanOut, firstUtf8, splitRanges, type CsvHead} from './csv-ranges.js'
import {Utf8Check} from './utf8-check.js'
import {runRangeWorker, startWorker, workerScript} from './worker-script.js'

type WorkerReply =
  | {ok: true; result: BinCountResult}
  | {ok: false; error: {input: boolean; message: string; file?: string; field?: string}}

function countInWorker(script: string, file: string, binnings: readonly FeatureBinning[]): Promise<BinCountResult> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(script, {file, binnings})
    worker.once('message', (reply: WorkerReply) => {
      void worker.terminate()
      if (reply.ok) resolve(reply.result)
      else
        reject(
          reply.error.input
            ? new InputError(reply.error.message, {file: reply.error.file, field: reply.error.field})
            : new InternalError(reply.error.message, {file}),
        )
    })
    worker.once('error', (error) => reject(new InternalError(`counting worker failed: ${error.message}`, {file})))
  })
}

export async function countBinsOfFiles(
  files: readonly string[],
  binnings: readonly FeatureBinning[],
  threads = availableParallelism(),
): Promise<BinCountResult[]> {
  const script = workerScript('count-bins-worker', import.meta.url)
  const rangeScript = workerScript('count-range-worker', import.meta.url)
  if (!script || !rangeScript) {
    const out: BinCountResult[] = []
    for (const file of files) out.push(await countBins(file, {binnings}))
    return out
  }
  const perFile = Math.floor(threads / files.length)
  const settled = await Promise.allSettled(
    files.map(async (file, i) => {
      const fan = await fanOut(file, perFile)
      if (fan) {
        // only the first file's first range runs on this thread: it would otherwise do two ranges' work
        const counted = await countRanges(rangeScript, file, fan.head, fan.parts, binnings, i === 0)
        if (counted) return counted
      }
      return i === 0 ? countBins(file, {binnings}) : countInWorker(script, file, binnings)
    }),
  )
  return settled.map((s) => {
    if (s.status === 'rejected') throw s.reason
    return s.value
  })
}

/**
 * The counts of a file from its ranges, or undefined when a range failed or a cut fell inside quotes. With
 * `firstHere` the first range is counted on this thread (which has its modules loaded) while the workers start.
 */
export async function countRanges(
  script: string,
  file: string,
  head: CsvHead,
  parts: number,
  binnings: readonly FeatureBinning[],
  firstHere = false,
): Promise<BinCountResult | undefined> {
  const ranges = await splitRanges(file, head, parts)
  const abort = new Int32Array(new SharedArrayBuffer(4))
  const jobs = ranges.map((range): CountRangeJob => ({
    file,
    header: head.header,
    range,
    crlf: head.crlf,
    binnings,
    abort,
  }))
  const here = firstHere ? jobs.slice(0, 1) : []
  const others = jobs.slice(here.length).map((job) => runRange(script, job))
  const replies = [...(here.length > 0 ? [await countRange(here[0])] : []), ...(await Promise.all(others))]
  const done = replies.flatMap((r) => (r.ok ? [r] : []))
  if (done.length < replies.length || !cutsOutsideQuotes(done)) return undefined
  const [first, ...rest] = done.map((r) => r.result)
  for (const r of rest) {
    r.counts.forEach((c, f) => c.forEach((bins, k) => bins.forEach((n, b) => (first.counts[f][k][b] += n))))
    r.unmatched.forEach((n, f) => (first.unmatched[f] += n))
  }
  const warnings: string[] = []
  const utf8 = new Utf8Check(file, warnings)
  utf8.setHeader(head.header)
  const place = firstUtf8(head, done)
  if (place) utf8.adopt(place)
  return {...first, rows: done.reduce((n, r) => n + r.result.rows, 0), warnings}
}

function runRange(script: string, job: CountRangeJob): Promise<CountRangeReply> {
  return runRangeWorker<CountRangeReply>(script, job)
}
