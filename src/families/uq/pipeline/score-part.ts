/**
 * The scoring loop of uq: streams the items of a JSONL file (or of one line-aligned byte range of it,
 * for a parallel reader) through the reader and scores every run, keeping only the small score rows
 * (never the embeddings) in memory. ./score.ts runs it over the whole file, or over ranges on several
 * threads through ./score-parallel.ts; either way a row depends only on the item and its line number.
 */
import type {LineRange} from '../../../core/io/line-ranges.js'
import {readUqItems, type UqBadLine} from '../io/items-jsonl.js'
import {baselineNames, type BaselineScores} from '../kernels/baselines.js'
import {createRunScratch, scoreRun, type RunScoringOptions} from '../kernels/score-run.js'

export interface UqScoreRow {
  id: string
  line: number
  run: number
  temperature: number
  correct?: 0 | 1
  draws: number
  inv_entropy: number
  ni_entropy: number
  wd_px_py: number
  max_py_given_x: number
  max_py: number
  nr_inv_entropy: number
  [baseline: string]: number | string | null | undefined
}

/** What a part of the file needs to be read and scored (plain data: it is posted to workers). */
export interface ScorePartOptions {
  readonly scoring: RunScoringOptions
  readonly skipBad: boolean
  readonly requireCorrect?: boolean
}

export interface ScoredPart {
  readonly rows: UqScoreRow[]
  readonly items: number
  readonly bad: UqBadLine[]
  /** Ids of the accepted items in line order (parts are checked against each other for repeats). */
  readonly ids: string[]
}

function toRow(
  id: string,
  line: number,
  run: number,
  temperature: number,
  correct: 0 | 1 | undefined,
  s: ReturnType<typeof scoreRun>,
): UqScoreRow {
  const e = s.invEntropy
  const row: UqScoreRow = {
    id,
    line,
    run,
    temperature,
    ...(correct === undefined ? {} : {correct}),
    draws: e.drawsUsed,
    inv_entropy: e.invEntropy,
    ni_entropy: e.niEntropy,
    wd_px_py: e.wdPxPy,
    max_py_given_x: e.maxPyGivenX,
    max_py: e.maxPy,
    nr_inv_entropy: e.nrInvEntropy,
  }
  if (s.baselines) for (const name of baselineNames) row[name] = (s.baselines as BaselineScores)[name]
  return row
}

/**
 * Reads and scores the items of `path` (of `part` only, when given). `onBytes` receives the bytes of
 * the file read so far. Throws InputError on the first bad line unless skipBad.
 */
export async function scoreFilePart(
  path: string,
  o: ScorePartOptions,
  part?: LineRange,
  onBytes?: (bytesRead: number) => void,
): Promise<ScoredPart> {
  const rows: UqScoreRow[] = []
  const bad: UqBadLine[] = []
  const ids: string[] = []
  const reader = readUqItems(
    path,
    {
      skipBad: o.skipBad,
      requireCorrect: o.requireCorrect,
      requireSimilarity: o.scoring.similarity === 'precomputed',
      requireEmbeddings: o.scoring.similarity !== 'precomputed' && o.scoring.embedder === 'input',
      onBad: (b) => bad.push(b),
    },
    part,
  )
  const scratch = createRunScratch() // buffers reused from run to run (the scores never point into them)
  for await (const {line, item, bytesRead} of reader) {
    ids.push(item.id)
    item.runs.forEach((run, r) => {
      const scores = scoreRun(run, o.scoring, line * 1024 + r, scratch)
      rows.push(toRow(item.id, line, r, run.temperature, item.correct, scores))
    })
    onBytes?.(bytesRead)
  }
  return {rows, items: ids.length, bad, ids}
}
