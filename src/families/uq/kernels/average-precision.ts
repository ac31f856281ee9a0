/**
 * Average precision (area under the precision–recall curve, step-wise) with label 1 as the
 * positive class: AP = Σ_k (R_k − R_{k−1}) P_k over the distinct score thresholds in decreasing
 * order, ties entering together (as sklearn.metrics.average_precision_score). The released
 * Inv-Entropy code reports this, divided by AP(correct, correct) = 1, as "PRR".
 * Null when there is no positive label.
 */
export function averagePrecision(labels: ArrayLike<number>, scores: ArrayLike<number>): number | null {
  const n = labels.length
  let totalPos = 0
  for (let i = 0; i < n; i++) totalPos += labels[i] === 1 ? 1 : 0
  if (totalPos === 0) return null
  const order = Array.from({length: n}, (_, i) => i).sort((a, b) => scores[b] - scores[a])
  let tp = 0
  let seen = 0
  let prevRecall = 0
  let ap = 0
  for (let i = 0; i < n;) {
    let j = i
    while (j + 1 < n && scores[order[j + 1]] === scores[order[i]]) j++
    for (let k = i; k <= j; k++) tp += labels[order[k]] === 1 ? 1 : 0
    seen += j - i + 1
    const recall = tp / totalPos
    ap += (recall - prevRecall) * (tp / seen)
    prevRecall = recall
    i = j + 1
  }
  return ap
}
