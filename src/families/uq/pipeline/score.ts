/**
 * Glue shared by the uq commands: scores every run of every item of a JSONL file, in this thread
 * (./score-part.ts) or, for a large file and --threads > 1, on line-aligned parts of the file in
 * parallel (./score-parallel.ts). Both give the same rows: a row depends only on the item and its line.
 */
import {statSync} from 'node:fs'
import type {UqBadLine} from '../io/items-jsonl.js'
import {baselineNames} from '../kernels/baselines.js'
import type {RunScoringOptions} from '../kernels/score-run.js'
import {scoreFilePart, type UqScoreRow} from './score-part.js'
import {scoreInParallel} from './score-parallel.js'

export type {UqScoreRow} from './score-part.js'

export const invEntropyMeasureNames = [
  'inv_entropy',
  'ni_entropy',
  'wd_px_py',
  'max_py_given_x',
  'max_py',
  'nr_inv_entropy',
] as const

export interface UqScoredFile {
  readonly rows: UqScoreRow[]
  readonly items: number
  readonly bad: UqBadLine[]
  /** Measure names present in the rows, Inv-Entropy family first. */
  readonly measures: string[]
  /** Threads that produced the rows (1 unless the parallel read was used and kept). */
  readonly threadsUsed: number
}

export interface ScoreFileOptions {
  readonly scoring: RunScoringOptions
  readonly skipBad: boolean
  readonly requireCorrect?: boolean
  /** Threads reading and scoring parts of a large file (default 1: this thread only). */
  readonly threads?: number
  /** Smallest file read on several threads (default PARALLEL_MIN_BYTES; tests lower it). */
  readonly parallelMinBytes?: number
  /** Called with bytes consumed so far (for progress bars). */
  readonly onProgress?: (bytes: number, totalBytes: number) => void
}

/**
 * Below this size one thread does it all: a worker takes ≈ 50–100 ms to start (Node, the modules, the
 * schema compiled again), about what one thread needs for 10 MiB of embeddings.
 */
export const PARALLEL_MIN_BYTES = 16 * 2 ** 20

export async function scoreUqFile(path: string, o: ScoreFileOptions): Promise<UqScoredFile> {
  const totalBytes = statSync(path, {throwIfNoEntry: false})?.size ?? 0
  const part = {scoring: o.scoring, skipBad: o.skipBad, requireCorrect: o.requireCorrect}
  const threads = Math.floor(o.threads ?? 1)
  const onBytes = (bytes: number) => o.onProgress?.(bytes, totalBytes)
  const parallel =
    threads > 1 && totalBytes >= (o.parallelMinBytes ?? PARALLEL_MIN_BYTES)
      ? await scoreInParallel(path, part, totalBytes, threads, onBytes)
      : undefined
  // no parallel result (bad or repeated lines in a later part): this thread, which reports them as always
  const scored = parallel ?? (await scoreFilePart(path, part, undefined, onBytes))
  const measures: string[] = [...invEntropyMeasureNames]
  if (o.scoring.baselines) measures.push(...baselineNames)
  return {rows: scored.rows, items: scored.items, bad: scored.bad, measures, threadsUsed: parallel?.threads ?? 1}
}
