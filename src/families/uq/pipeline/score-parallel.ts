/**
 * Reads and scores a large JSONL file on several threads: the file is cut into line-aligned byte
 * ranges (core/io/line-ranges), this thread takes the first and one worker each of the others, and
 * the rows are joined in file order. Rows equal the one-thread rows exactly: a row depends only on its
 * item and line number (the draws' random stream is line·1024 + run), and every part numbers its lines
 * as in the whole file.
 *
 * The one thing a part cannot check alone is that ids are unique across the file. The parallel result
 * is therefore used only when every later part is clean: no bad line and no id seen in an earlier part.
 * Otherwise it returns undefined and the caller reads the file again in one thread, so messages and
 * --skip-bad records are exactly the one-thread ones (bad input is rare; a second read is then cheap
 * next to explaining it). A bad line in the first part is reported from here directly: that part is
 * read exactly as one thread reads the start of the file.
 */
import {open} from 'node:fs/promises'
import {Worker} from 'node:worker_threads'
import {splitIntoLineRanges, type LineRange} from '../../../core/io/line-ranges.js'
import {workerEntry} from '../../../core/worker-entry.js'
import {scoreFilePart, type ScoredPart, type ScorePartOptions} from './score-part.js'
import type {ScoreWorkerReply, ScoreWorkerTask} from './score-worker.js'

/**
 * Bytes this thread reads while a worker starts (≈ 65 ms for Node and the modules, at ≈ 180 MB/s of
 * standard-shape JSONL per thread, rounded down): its range is that much longer than the others, so all
 * parts end at about the same time.
 */
export const WORKER_START_BYTES = 8 * 2 ** 20

async function lineRanges(path: string, size: number, parts: number): Promise<LineRange[]> {
  const handle = await open(path, 'r')
  try {
    return await splitIntoLineRanges(handle, size, parts, WORKER_START_BYTES)
  } finally {
    await handle.close()
  }
}

/** Starts a worker on `part`; resolves with its scored part, or undefined when it failed in any way. */
function scoreOnWorker(
  entry: NonNullable<ReturnType<typeof workerEntry>>,
  task: ScoreWorkerTask,
  started: Worker[],
): Promise<ScoredPart | undefined> {
  return new Promise((resolve) => {
    const worker = new Worker(entry.source, {eval: entry.eval, workerData: task})
    started.push(worker)
    worker.once('message', (reply: ScoreWorkerReply) => resolve(reply.ok ? reply.scored : undefined))
    worker.once('error', () => resolve(undefined))
    worker.once('exit', () => resolve(undefined))
  })
}

/** The parts joined in order, or undefined when a later part had a bad line or repeats an earlier id. */
function joinParts(parts: readonly (ScoredPart | undefined)[]): ScoredPart | undefined {
  const [first, ...later] = parts
  if (first === undefined || later.some((p) => p === undefined || p.bad.length > 0)) return undefined
  const seen = new Set(first.ids)
  const rows = [...first.rows]
  const ids = [...first.ids]
  for (const p of later as ScoredPart[]) {
    for (const id of p.ids) {
      if (seen.has(id)) return undefined
      seen.add(id)
    }
    rows.push(...p.rows)
    ids.push(...p.ids)
  }
  return ids.length === 0 ? undefined : {rows, items: ids.length, bad: first.bad, ids}
}

/**
 * Scores `path` (`size` bytes) on up to `threads` threads; undefined when it must be done in one
 * thread (no worker can start, the file has one line, or a later part was not clean; see above).
 * `onBytes` gets this thread's progress scaled to the whole file.
 */
export async function scoreInParallel(
  path: string,
  options: ScorePartOptions,
  size: number,
  threads: number,
  onBytes?: (bytesRead: number) => void,
): Promise<(ScoredPart & {threads: number}) | undefined> {
  const entry = workerEntry(import.meta.url, 'score-worker')
  if (entry === undefined) return undefined
  const ranges = await lineRanges(path, size, threads)
  if (ranges.length < 2) return undefined
  const started: Worker[] = []
  try {
    const later = ranges.slice(1).map((part) => scoreOnWorker(entry, {path, part, options}, started))
    const scale = size / ranges[0].end
    const first = await scoreFilePart(path, options, ranges[0], (b) => onBytes?.(Math.min(size, b * scale)))
    const joined = joinParts([first, ...(await Promise.all(later))])
    return joined && {...joined, threads: ranges.length}
  } finally {
    await Promise.all(started.map((w) => w.terminate()))
  }
}
