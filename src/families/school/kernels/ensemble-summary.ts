/**
 * Statistics across the members of an ensemble (M independent runs, seeds seed … seed+M−1):
 * per metric, the mean and the sample standard deviation (n − 1; 0 for a single member) of each
 * member's final value and of its second-half mean (spec school.md §2.7 summaries).
 */
import {metricNames, type MetricName} from './school-metrics.js'
import type {MetricSummary} from './school-summary.js'

export interface MeanSd {
  mean: number
  sd: number
}

export interface EnsembleStatistics {
  final: Record<MetricName, MeanSd>
  mean2: Record<MetricName, MeanSd>
}

export function ensembleStatistics(members: readonly Record<MetricName, MetricSummary>[]): EnsembleStatistics {
  const of = (field: 'final' | 'mean2') =>
    Object.fromEntries(metricNames.map((m) => [m, meanSd(members.map((s) => s[m][field]))])) as Record<
      MetricName,
      MeanSd
    >
  return {final: of('final'), mean2: of('mean2')}
}

export function meanSd(values: readonly number[]): MeanSd {
  const n = values.length
  let sum = 0
  for (const v of values) sum += v
  const mean = sum / n
  let ss = 0
  for (const v of values) ss += (v - mean) ** 2
  return {mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0}
}
