/**
 * Runs the independent simulations of a sweep on worker threads (one run per task, dealt to the
 * first idle worker), or in this thread when one thread is asked for or no worker can start.
 * Opt-in (`sweep --threads N`): on the shared 2-core VM two threads took 0.7–1.4× the wall time
 * of one thread and 5–15 % more CPU (worker start-up and JIT warm-up per worker), so one thread
 * stays the default (docs/school.md). Results are identical either way.
 */
import {Worker} from 'node:worker_threads'
import {InternalError} from '../../../core/errors.js'
import {workerEntry} from '../../../core/worker-entry.js'
import {sweepRun, type SweepReply, type SweepTask} from './sweep-worker.js'

export type SweepMeans = Exclude<SweepReply, {error: string}>

export async function runSweepTasks(
  tasks: readonly SweepTask[],
  threads: number,
  tick: () => void,
): Promise<SweepMeans[]> {
  const entry = threads > 1 && tasks.length > 1 ? workerEntry(import.meta.url, 'sweep-worker') : undefined
  if (!entry) {
    const out: SweepMeans[] = []
    for (const t of tasks) {
      out.push((await sweepRun(t)) as SweepMeans)
      tick()
    }
    return out
  }
  const results = new Array<SweepMeans>(tasks.length)
  const workers = Array.from(
    {length: Math.min(threads, tasks.length)},
    () => new Worker(entry.source, {eval: entry.eval}),
  )
  let next = 0
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const feed = () => (next < tasks.length ? w.postMessage(tasks[next++]) : resolve())
            w.on('message', (reply: SweepReply) => {
              if ('error' in reply) return reject(new InternalError(`sweep run ${reply.id} failed: ${reply.error}`))
              results[reply.id] = reply
              tick()
              feed()
            })
            w.on('error', (error) => reject(new InternalError(`sweep worker failed: ${error.message}`)))
            feed()
          }),
      ),
    )
  } finally {
    await Promise.all(workers.map((w) => w.terminate()))
  }
  return results
}
