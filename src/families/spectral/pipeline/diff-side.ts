/**
 * One side of a report-vs-checkpoint `spectral diff`: a checkpoint diffed against a spectral report is
 * analysed with `spectral analyze`'s defaults, so both sides hold the same metrics.
 */
import type {Stopwatch} from '../../../core/report/timings.js'
import type {Progress} from '../../../core/terminal/progress.js'
import {runAnalyze, type AnalyzeFlags} from './analyze.js'
import type {SpectralLayer} from './analyze-checkpoint.js'

const ANALYZE_DEFAULTS = {
  'min-evals': 10,
  'max-evals': 15000,
  'max-n': 50000,
  'fix-fingers': 'none',
  fit: 'PL',
  'mp-fit': false,
  randomize: false,
  seed: 0,
  gram: 'float64',
} as const

export async function analyseSide(
  path: string,
  stopwatch: Stopwatch,
  progress: (total: number) => Progress,
): Promise<{result: {layers: SpectralLayer[]; summary: {means: Record<string, number>}}; inputs: string[]}> {
  const {result, inputs} = await runAnalyze(path, {...ANALYZE_DEFAULTS} as unknown as AnalyzeFlags, stopwatch, progress)
  return {result: {layers: result.layers, summary: {means: result.summary.means as Record<string, number>}}, inputs}
}
