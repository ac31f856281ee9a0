/**
 * Area under the ROC curve of a confidence score against 0/1 labels, by the Mann–Whitney
 * statistic with mid-ranks for ties (equals sklearn.metrics.roc_auc_score). Null when only one
 * class is present.
 */
export function auroc(labels: ArrayLike<number>, scores: ArrayLike<number>): number | null {
  const n = labels.length
  const order = Array.from({length: n}, (_, i) => i).sort((a, b) => scores[a] - scores[b])
  let rankSumPos = 0
  let nPos = 0
  for (let i = 0; i < n;) {
    let j = i
    while (j + 1 < n && scores[order[j + 1]] === scores[order[i]]) j++
    const midRank = (i + j) / 2 + 1
    for (let k = i; k <= j; k++) {
      if (labels[order[k]] === 1) {
        rankSumPos += midRank
        nPos++
      }
    }
    i = j + 1
  }
  const nNeg = n - nPos
  if (nPos === 0 || nNeg === 0) return null
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg)
}
