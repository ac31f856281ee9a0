/**
 * `school analyze`: recomputes every metric of every stored frame of a trajectory file — of each
 * member for an ensemble file (`simulate --ensemble M`) — summarises each member as `simulate`
 * does, and compares with the metrics stored in the file. Member 0 gives `summary`/`state`, as
 * in `simulate`'s report; the ensemble statistics are the same function of the member summaries.
 */
import type {Trajectory} from '../io/trajectory-netcdf.js'
import {ensembleStatistics, type EnsembleStatistics} from '../kernels/ensemble-summary.js'
import type {CentroidMode} from '../kernels/school-centroid.js'
import {metricNames, SchoolMetrics, type MetricName} from '../kernels/school-metrics.js'
import {classifyState, summarise, type MetricSummary, type SchoolState} from '../kernels/school-summary.js'

export interface TrajectoryAnalysis {
  /** per member: metric time series in `metricNames` order */
  series: Float64Array[][]
  summaries: Record<MetricName, MetricSummary>[]
  states: SchoolState[]
  /** max |recomputed − stored| per stored metric, over frames and members */
  maxDifferenceFromStored: Partial<Record<MetricName, number>>
  /** null for a single run */
  ensemble: {
    members: number
    seeds: number[] | null
    states: SchoolState[]
    summaries: Record<MetricName, MetricSummary>[]
    statistics: EnsembleStatistics
  } | null
}

export function analyzeTrajectory(
  tr: Trajectory,
  centroid: CentroidMode,
  onFrame?: (frame: number) => void,
): TrajectoryAnalysis {
  const {frames, fish, members} = tr
  const series = Array.from({length: members}, () => metricNames.map(() => new Float64Array(frames)))
  const metrics = new SchoolMetrics(fish, tr.boxSize, centroid)
  const row = new Float64Array(metricNames.length)
  const size = 3 * fish
  for (let t = 0; t < frames; t++) {
    for (let m = 0; m < members; m++) {
      const at = (t * members + m) * size // (time, member, fish, 3) in C order
      metrics.compute(tr.positions.subarray(at, at + size), tr.velocities.subarray(at, at + size), row)
      for (let k = 0; k < row.length; k++) series[m][k][t] = row[k]
    }
    onFrame?.(t)
  }
  const maxDifferenceFromStored: Partial<Record<MetricName, number>> = {}
  metricNames.forEach((name, k) => {
    const stored = tr.stored[name]
    if (!stored) return
    let max = 0
    for (let t = 0; t < frames; t++)
      for (let m = 0; m < members; m++) max = Math.max(max, Math.abs(stored[t * members + m] - series[m][k][t]))
    maxDifferenceFromStored[name] = max
  })
  const summaries = series.map((s) => summarise(s, frames))
  const states = summaries.map((s) => classifyState(s.polarization.final, s.rotation.final, fish))
  const ensemble =
    members > 1 ? {members, seeds: tr.memberSeeds, states, summaries, statistics: ensembleStatistics(summaries)} : null
  return {series, summaries, states, maxDifferenceFromStored, ensemble}
}

/** The report result of `school analyze`. */
export interface AnalysisResult {
  file: string
  frames: number
  fish: number
  box_size: number
  centroid: 'naive' | 'periodic'
  /** member 0 for an ensemble file */
  state: SchoolState
  /** how `state` was decided (school-summary.ts `stateRule`) */
  stateRule: string
  summary: Record<MetricName, MetricSummary>
  /** max |recomputed − stored| per metric stored in the file (all members) */
  maxDifferenceFromStored: Partial<Record<MetricName, number>>
  /** null unless the file has a `member` dimension: per-member summaries and statistics across members */
  ensemble: TrajectoryAnalysis['ensemble']
}
