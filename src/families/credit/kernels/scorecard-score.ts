/**
 * Scores rows from their bin indices with a scorecard's points: the sum of the features'
 * points in feature order, left to right (the same order as the exported SQL expression,
 * so both give the same double). Also the PD of each row, σ(−(score − offset)/factor).
 */

export interface CardFeaturePoints {
  readonly points: readonly number[]
  readonly unmatched_points: number
}

export function scoreRows(
  features: readonly CardFeaturePoints[],
  rowBins: readonly Int32Array[],
  rows: number,
): Float64Array {
  const out = new Float64Array(rows)
  for (let i = 0; i < rows; i++) {
    let s = 0
    for (let f = 0; f < features.length; f++) {
      const bin = rowBins[f][i]
      s += bin < 0 ? features[f].unmatched_points : features[f].points[bin]
    }
    out[i] = s
  }
  return out
}

export function scoreToPd(score: number, offset: number, factor: number): number {
  return 1 / (1 + Math.exp((score - offset) / factor))
}
