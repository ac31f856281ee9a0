/**
 * Worker-thread entry of ./score-parallel.ts: reads and scores one line-aligned part of the file and
 * posts its rows back. A part that throws (a bad line without --skip-bad, or anything else) posts
 * `ok: false`; the caller then scores the file in one thread, which reports the problem as always.
 * workerData: ScoreWorkerTask.
 */
import {parentPort, workerData} from 'node:worker_threads'
import type {LineRange} from '../../../core/io/line-ranges.js'
import {scoreFilePart, type ScoredPart, type ScorePartOptions} from './score-part.js'

export interface ScoreWorkerTask {
  readonly path: string
  readonly part: LineRange
  readonly options: ScorePartOptions
}

export type ScoreWorkerReply = {readonly ok: true; readonly scored: ScoredPart} | {readonly ok: false}

const task = workerData as ScoreWorkerTask
scoreFilePart(task.path, task.options, task.part).then(
  (scored) => parentPort?.postMessage({ok: true, scored} satisfies ScoreWorkerReply),
  () => parentPort?.postMessage({ok: false} satisfies ScoreWorkerReply),
)
