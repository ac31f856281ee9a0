/**
 * Discrimination of a score against a binary target (higher score = more likely bad):
 * AUC by the Mann–Whitney statistic with average ranks for ties,
 * (Σ ranks of positives − n1(n1+1)/2)/(n1·n0); Gini = 2·AUC − 1; KS = max over
 * thresholds of |F_bad − F_good|. Ref: Hanley & McNeil, Radiology 143 (1982) 29,
 * doi:10.1148/radiology.143.1.7063747.
 */

export interface RocMetrics {
  readonly auc: number
  readonly gini: number
  readonly ks: number
  readonly positives: number
  readonly negatives: number
}

export function rocMetrics(score: ArrayLike<number>, y: ArrayLike<number>): RocMetrics {
  const n = score.length
  const order = Array.from({length: n}, (_, i) => i).sort((a, b) => score[a] - score[b])
  let n1 = 0
  for (let i = 0; i < n; i++) n1 += y[i]
  const n0 = n - n1
  let rankSum = 0
  let ks = 0
  let cumBad = 0
  let cumGood = 0
  for (let i = 0; i < n;) {
    let j = i
    while (j + 1 < n && score[order[j + 1]] === score[order[i]]) j++
    const rank = (i + j) / 2 + 1
    for (let k = i; k <= j; k++) {
      if (y[order[k]]) {
        rankSum += rank
        cumBad++
      } else cumGood++
    }
    ks = Math.max(ks, Math.abs(cumBad / n1 - cumGood / n0))
    i = j + 1
  }
  const auc = (rankSum - (n1 * (n1 + 1)) / 2) / (n1 * n0)
  return {auc, gini: 2 * auc - 1, ks, positives: n1, negatives: n0}
}
