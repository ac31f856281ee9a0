/**
 * Bin counts of several files at once (`credit psi`: expected and actual): the first file in the
 * calling thread, each other one on its own worker thread, so two files take about the time of
 * one on two cores instead of twice as long. Parsing dominates and is single-threaded per file,
 * which is why files, not rows, are the unit of work. When the compiled worker script is absent
 * (running from TypeScript sources) the files are counted one after the other in this thread:
 * same counts. Errors are reported for the first failing file in argument order.
 */
import {existsSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {Worker} from 'node:worker_threads'
import {InputError, InternalError} from '../../../core/errors.js'
import type {FeatureBinning} from '../kernels/feature-binning.js'
import {countBins, type BinCountResult} from './count-bins.js'

type WorkerReply =
  | {ok: true; result: BinCountResult}
  | {ok: false; error: {input: boolean; message: string; file?: string; field?: string}}

function countInWorker(script: string, file: string, binnings: readonly FeatureBinning[]): Promise<BinCountResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, {workerData: {file, binnings}})
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
): Promise<BinCountResult[]> {
  const script = fileURLToPath(new URL('count-bins-worker.js', import.meta.url))
  if (!existsSync(script)) {
    const out: BinCountResult[] = []
    for (const file of files) out.push(await countBins(file, {binnings}))
    return out
  }
  const settled = await Promise.allSettled(
    files.map((file, i) => (i === 0 ? countBins(file, {binnings}) : countInWorker(script, file, binnings))),
  )
  return settled.map((s) => {
    if (s.status === 'rejected') throw s.reason
    return s.value
  })
}
