/**
 * Run summaries as dewi-kadita reports them: final value, mean and population std over the
 * second half (frames T//2 … T−1), min and max over all frames; and its state classifier on the
 * final P and M (spec school.md §2.7), with a state of its own for schools too small to have one.
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

export type SchoolState =
  'Highly Parallel' | 'Dynamic Parallel' | 'Torus/Milling' | 'Transitional' | 'Swarm' | 'No collective state'

/** Fewer fish than this have no collective state: one fish has P = 1 and M = 0 by construction. */
export const MIN_COLLECTIVE_FISH = 3

/**
 * The classification rule, as reported (`stateRule`) and documented (docs/school.md "State"):
 * dewi-kadita's thresholds on the final frame's polarisation P and rotation M, checked in order.
 * The labels name the state of the last frame, not the configuration the run started from: the
 * torus configuration does not keep milling (spec school.md §4 quirk 4) and may end in any state.
 */
export const stateRule =
  `final frame, first match: N < ${MIN_COLLECTIVE_FISH} → No collective state; P > 0.9 → Highly Parallel; ` +
  'P > 0.7 → Dynamic Parallel; M > 0.5 → Torus/Milling; P > 0.4 or M > 0.3 → Transitional; otherwise Swarm'

/** The state of a school of n fish whose final frame has polarisation P and rotation M (`stateRule`). */
export function classifyState(P: number, M: number, n: number): SchoolState {
  if (n < MIN_COLLECTIVE_FISH) return 'No collective state'
  if (P > 0.9) return 'Highly Parallel'
  if (P > 0.7) return 'Dynamic Parallel'
  if (M > 0.5) return 'Torus/Milling'
  if (P > 0.4 || M > 0.3) return 'Transitional'
  return 'Swarm'
}
