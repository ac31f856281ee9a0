/**
 * Forward stepwise selection by AIC: starting from the intercept-only model, add the
 * candidate that lowers the AIC most; stop when no candidate lowers it.
 * Ref: Hastie, Tibshirani & Friedman, ESL (2nd ed.) §3.3.2.
 */
import {fitLogistic} from './logistic-irls.js'

export function forwardStepwise(columns: readonly Float64Array[], y: ArrayLike<number>): number[] {
  const rows = y.length
  const chosen: number[] = []
  let bestAic = fitLogistic(new Float64Array(0), rows, 0, y).aic
  for (;;) {
    let pick = -1
    for (let c = 0; c < columns.length; c++) {
      if (chosen.includes(c)) continue
      const set = [...chosen, c]
      const x = new Float64Array(rows * set.length)
      for (let i = 0; i < rows; i++) set.forEach((s, j) => (x[i * set.length + j] = columns[s][i]))
      let aic: number
      try {
        aic = fitLogistic(x, rows, set.length, y).aic
      } catch {
        continue
      }
      if (aic < bestAic - 1e-9) [pick, bestAic] = [c, aic]
    }
    if (pick < 0) return chosen.sort((a, b) => a - b)
    chosen.push(pick)
  }
}
