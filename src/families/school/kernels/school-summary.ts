/**
 * Run summaries as dewi-kadita reports them: final value, mean and population std over the
 * second half (frames T//2 … T−1), min and max over all frames; and its state classifier on the
 * final P and M (spec school.md §2.7).
 */
import {metricNames, type MetricName} from './school-metrics.js'

export interface MetricSummary {
  final: number
  mean2: number
  std2: number
  min: number
  max: number
}

/** `series[k]` holds metric k over frames (metricNames order). */
export function summarise(series: readonly ArrayLike<number>[], frames: number): Record<MetricName, MetricSummary> {
  const out = {} as Record<MetricName, MetricSummary>
  const half = Math.floor(frames / 2)
  metricNames.forEach((name, k) => {
    const s = series[k]
    let sum = 0,
      min = Infinity,
      max = -Infinity
    for (let t = 0; t < frames; t++) {
      min = Math.min(min, s[t])
      max = Math.max(max, s[t])
    }
    for (let t = half; t < frames; t++) sum += s[t]
    const mean = sum / (frames - half)
    let ss = 0
    for (let t = half; t < frames; t++) ss += (s[t] - mean) ** 2
    out[name] = {final: s[frames - 1], mean2: mean, std2: Math.sqrt(ss / (frames - half)), min, max}
  })
  return out
}

export type SchoolState = 'Highly Parallel' | 'Dynamic Parallel' | 'Torus/Milling' | 'Transitional' | 'Swarm'

/** dewi-kadita's classifier, checked in order. */
export function classifyState(P: number, M: number): SchoolState {
  if (P > 0.9) return 'Highly Parallel'
  if (P > 0.7) return 'Dynamic Parallel'
  if (M > 0.5) return 'Torus/Milling'
  if (P > 0.4 || M > 0.3) return 'Transitional'
  return 'Swarm'
}
