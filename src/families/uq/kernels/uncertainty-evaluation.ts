/**
 * Dataset-level evaluation of uncertainty measures against 0/1 correctness labels (spec §2.8):
 * AUROC (confidence = −U), the standard PRR, average precision (what the released code calls
 * "PRR") and the in-sample isotonic Brier score, on all items and as bootstrap mean ± std over
 * resamples of items (with replacement, seeded; population std as numpy's default).
 * Every measure uses the same resampled item indices; a measure's missing values (null) are
 * dropped from each sample; a resample where a metric is undefined (one class only) is skipped
 * for that metric and counted. Values are compared after rounding to 12 significant digits
 * (tie-rounding.ts), so float noise cannot break mathematical ties.
 */
import type {Rng32} from '../../../core/random/xoshiro128.js'
import {auroc} from './auroc.js'
import {averagePrecision} from './average-precision.js'
import {isotonicBrier} from './isotonic-brier.js'
import {predictionRejectionRatio} from './prediction-rejection.js'
import {roundForTies} from './tie-rounding.js'

export const metricNames = ['auroc', 'prr', 'ap', 'brier'] as const
export type MetricName = (typeof metricNames)[number]
export type MetricValues = Record<MetricName, number | null>

export interface BootstrapSummary {
  readonly mean: number | null
  readonly std: number | null
  /** Resamples in which the metric was defined. */
  readonly n: number
}

export interface MeasureEvaluation extends MetricValues {
  readonly measure: string
  /** Items with both a label and a value of this measure. */
  readonly items: number
  readonly bootstrap: Record<MetricName, BootstrapSummary>
}

/** The four metrics on one sample. */
export function computeMetrics(labels: ArrayLike<number>, uncertainty: ArrayLike<number>): MetricValues {
  const n = labels.length
  if (n === 0) return {auroc: null, prr: null, ap: null, brier: null}
  const confidence = Float64Array.from({length: n}, (_, i) => -uncertainty[i])
  return {
    auroc: auroc(labels, confidence),
    prr: predictionRejectionRatio(labels, uncertainty),
    ap: averagePrecision(labels, confidence),
    brier: isotonicBrier(labels, uncertainty),
  }
}

function summarize(values: number[]): BootstrapSummary {
  if (values.length === 0) return {mean: null, std: null, n: 0}
  const mean = values.reduce((a, b) => a + b, 0) / values.length
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length
  return {mean, std: Math.sqrt(variance), n: values.length}
}

/** Bootstrap index sets: `resamples` draws of n item indices with replacement. */
export function bootstrapIndices(n: number, resamples: number, rng: Rng32): Int32Array[] {
  const out: Int32Array[] = []
  for (let b = 0; b < resamples; b++) {
    const idx = new Int32Array(n)
    for (let i = 0; i < n; i++) idx[i] = rng.nextInt(n)
    out.push(idx)
  }
  return out
}

function pick(
  labels: ArrayLike<number>,
  values: readonly (number | null)[],
  idx: ArrayLike<number>,
): [number[], number[]] {
  const l: number[] = []
  const u: number[] = []
  for (let k = 0; k < idx.length; k++) {
    const v = values[idx[k]]
    if (v === null || !Number.isFinite(v)) continue
    l.push(labels[idx[k]])
    u.push(roundForTies(v))
  }
  return [l, u]
}

/** Evaluates every measure column (one value per item, null = missing) side by side. */
export function evaluateMeasures(
  labels: ArrayLike<number>,
  columns: readonly {measure: string; values: readonly (number | null)[]}[],
  resamples: readonly Int32Array[],
): MeasureEvaluation[] {
  const all = Int32Array.from({length: labels.length}, (_, i) => i)
  return columns.map(({measure, values}) => {
    const [l, u] = pick(labels, values, all)
    const full = computeMetrics(l, u)
    const acc: Record<MetricName, number[]> = {auroc: [], prr: [], ap: [], brier: []}
    for (const idx of resamples) {
      const [bl, bu] = pick(labels, values, idx)
      const m = computeMetrics(bl, bu)
      for (const name of metricNames) if (m[name] !== null) acc[name].push(m[name] as number)
    }
    const bootstrap = Object.fromEntries(metricNames.map((k) => [k, summarize(acc[k])])) as Record<
      MetricName,
      BootstrapSummary
    >
    return {measure, items: l.length, ...full, bootstrap}
  })
}
