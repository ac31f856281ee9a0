/**
 * Prediction–rejection ratio (Malinin & Gales 2021, "Uncertainty Estimation in Autoregressive
 * Structured Prediction", ICLR; lm-polygraph `PredictionRejectionArea` with max_rejection = 1
 * and its normalisation): items are rejected most-uncertain first; q_j = mean quality of the
 * N − j retained items (j = 0 … N−1); A(U) = mean_j q_j.
 *   PRR = (A(U) − A_random) / (A_oracle − A_random),
 * A_random = mean quality (the expectation of every q_j under a random order), A_oracle = A with
 * the incorrect items rejected first. Ties in U are averaged (each tied group contributes its
 * mean quality at every position), which is the expectation over random tie-breaking, so the
 * result never depends on input order. Null when all qualities are equal.
 */

/** Rejection curve: value k (k = 1 … N) is the mean quality of the k least uncertain items. */
export function rejectionCurve(quality: ArrayLike<number>, uncertainty: ArrayLike<number>): Float64Array {
  const n = quality.length
  const order = Array.from({length: n}, (_, i) => i).sort((a, b) => uncertainty[a] - uncertainty[b])
  const sorted = new Float64Array(n)
  for (let i = 0; i < n;) {
    let j = i
    while (j + 1 < n && uncertainty[order[j + 1]] === uncertainty[order[i]]) j++
    let s = 0
    for (let k = i; k <= j; k++) s += quality[order[k]]
    for (let k = i; k <= j; k++) sorted[k] = s / (j - i + 1)
    i = j + 1
  }
  const curve = new Float64Array(n)
  let cum = 0
  for (let k = 0; k < n; k++) {
    cum += sorted[k]
    curve[k] = cum / (k + 1)
  }
  return curve
}

/** A(U): mean of the rejection curve. */
export function predictionRejectionArea(quality: ArrayLike<number>, uncertainty: ArrayLike<number>): number {
  const curve = rejectionCurve(quality, uncertainty)
  let s = 0
  for (const v of curve) s += v
  return s / curve.length
}

export function predictionRejectionRatio(quality: ArrayLike<number>, uncertainty: ArrayLike<number>): number | null {
  const n = quality.length
  let mean = 0
  for (let i = 0; i < n; i++) mean += quality[i]
  mean /= n
  const oracle = predictionRejectionArea(
    quality,
    Float64Array.from({length: n}, (_, i) => -quality[i]),
  )
  if (!(oracle - mean > 1e-15)) return null
  return (predictionRejectionArea(quality, uncertainty) - mean) / (oracle - mean)
}
