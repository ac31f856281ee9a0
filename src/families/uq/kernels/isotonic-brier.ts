/**
 * Brier score after isotonic calibration, as the released Inv-Entropy code computes it
 * (sklearn IsotonicRegression(out_of_bounds='clip'), increasing, fit and scored on the same
 * items: an in-sample, optimistic figure). The calibration map from confidence c = −U to
 * P(correct) is the pool-adjacent-violators solution (Ayer et al. 1955) over the distinct
 * confidences, ties pooled with their counts as weights (as sklearn does).
 */

/** Isotonic (non-decreasing) fit of labels on scores; returns the fitted value per item. */
export function isotonicFit(scores: ArrayLike<number>, labels: ArrayLike<number>): Float64Array {
  const n = scores.length
  const order = Array.from({length: n}, (_, i) => i).sort((a, b) => scores[a] - scores[b])
  // blocks: [sum of labels, weight, first index in order, last index in order]
  const sum: number[] = []
  const weight: number[] = []
  const start: number[] = []
  for (let i = 0; i < n;) {
    let j = i
    let s = 0
    while (j < n && scores[order[j]] === scores[order[i]]) s += labels[order[j++]]
    sum.push(s)
    weight.push(j - i)
    start.push(i)
    while (
      sum.length > 1 &&
      sum[sum.length - 2] / weight[weight.length - 2] > sum[sum.length - 1] / weight[weight.length - 1]
    ) {
      const s2 = sum.pop()!
      const w2 = weight.pop()!
      start.pop()
      sum[sum.length - 1] += s2
      weight[weight.length - 1] += w2
    }
    i = j
  }
  const fitted = new Float64Array(n)
  for (let b = 0; b < sum.length; b++) {
    const end = b + 1 < start.length ? start[b + 1] : n
    for (let k = start[b]; k < end; k++) fitted[order[k]] = sum[b] / weight[b]
  }
  return fitted
}

/** mean((iso(c) − correct)²) with c = −U. */
export function isotonicBrier(labels: ArrayLike<number>, uncertainty: ArrayLike<number>): number {
  const n = labels.length
  const fitted = isotonicFit(
    Float64Array.from({length: n}, (_, i) => -uncertainty[i]),
    labels,
  )
  let s = 0
  for (let i = 0; i < n; i++) s += (fitted[i] - labels[i]) ** 2
  return s / n
}
