/**
 * Glue shared by the uq commands: streams a JSONL file through the reader and scores every
 * run of every item, keeping only the small score rows (never the embeddings) in memory.
 */
import {statSync} from 'node:fs'
import {readUqItems, type UqBadLine} from '../io/items-jsonl.js'
import {baselineNames, type BaselineScores} from '../kernels/baselines.js'
import {scoreRun, type RunScoringOptions} from '../kernels/score-run.js'

export const invEntropyMeasureNames = [
  'inv_entropy',
  'ni_entropy',
  'wd_px_py',
  'max_py_given_x',
  'max_py',
  'nr_inv_entropy',
] as const

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

export interface UqScoredFile {
  readonly rows: UqScoreRow[]
  readonly items: number
  readonly bad: UqBadLine[]
  /** Measure names present in the rows, Inv-Entropy family first. */
  readonly measures: string[]
}

export interface ScoreFileOptions {
  readonly scoring: RunScoringOptions
  readonly skipBad: boolean
  readonly requireCorrect?: boolean
  /** Called with bytes consumed so far (for progress bars). */
  readonly onProgress?: (bytes: number, totalBytes: number) => void
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

export async function scoreUqFile(path: string, o: ScoreFileOptions): Promise<UqScoredFile> {
  const rows: UqScoreRow[] = []
  const bad: UqBadLine[] = []
  const totalBytes = statSync(path, {throwIfNoEntry: false})?.size ?? 0
  let items = 0
  const reader = readUqItems(path, {
    skipBad: o.skipBad,
    requireCorrect: o.requireCorrect,
    requireSimilarity: o.scoring.similarity === 'precomputed',
    requireEmbeddings: o.scoring.similarity !== 'precomputed' && o.scoring.embedder === 'input',
    onBad: (b) => bad.push(b),
  })
  for await (const {line, item, bytesRead} of reader) {
    items++
    item.runs.forEach((run, r) => {
      rows.push(toRow(item.id, line, r, run.temperature, item.correct, scoreRun(run, o.scoring, line * 1024 + r)))
    })
    o.onProgress?.(bytesRead, totalBytes)
  }
  const measures: string[] = [...invEntropyMeasureNames]
  if (o.scoring.baselines) measures.push(...baselineNames)
  return {rows, items, bad, measures}
}
