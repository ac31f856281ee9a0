/**
 * XGB1: gradient-boosted depth-1 trees (stumps) on the logistic loss, the binning of
 * Sudjianto & Burakov (arXiv:2509.09855) and LDA-XGB1 (arXiv:2410.19067). XGBoost
 * semantics with tree_method=exact (spec credit.md §2.7): F = 0 (base_score 0.5); each
 * round g = σ(F) − y, h = σ(F)(1 − σ(F)); for every column, thresholds at float32
 * midpoints of adjacent distinct values; gain G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)
 * (XGBoost's loss_chg, split only when > 1e-6), H_L, H_R ≥ min_child_weight; leaf
 * w = −G/(H+λ); monotone +1 rejects w_L > w_R (−1 the reverse); the best split over all
 * columns (first in column order on ties) updates F += η·w, rows with x < t going left.
 * NaN (missing) rows always go right. The union of a column's thresholds are its bins,
 * left-closed [t_{j−1}, t_j). Ref: Chen & Guestrin, KDD 2016, doi:10.1145/2939672.2939785.
 */

export interface Xgb1Options {
  readonly rounds: number
  readonly learningRate: number
  readonly lambda: number
  readonly minChildWeight: number
  /** Per column: +1 increasing, −1 decreasing, 0 free. */
  readonly monotone?: readonly number[]
}

export interface Stump {
  readonly column: number
  /** NaN for a round that did not split (a constant tree). */
  readonly threshold: number
  readonly left: number
  readonly right: number
}

export interface Xgb1Model {
  readonly stumps: readonly Stump[]
  /** Sorted distinct thresholds per column. */
  readonly thresholds: readonly (readonly number[])[]
  /** Final margins F (log-odds of y = 1) per row. */
  readonly margins: Float64Array
}

const RT_EPS = 1e-6

interface Split {
  gain: number
  column: number
  threshold: number
  gl: number
  hl: number
}

function sortedOrder(x: Float64Array): Int32Array {
  const idx: number[] = []
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) idx.push(i)
  idx.sort((a, b) => x[a] - x[b])
  return Int32Array.from(idx)
}

function scanColumn(
  x: Float64Array,
  order: Int32Array,
  g: Float64Array,
  h: Float64Array,
  G: number,
  H: number,
  j: number,
  o: Xgb1Options,
  best: Split,
): void {
  const parent = (G * G) / (H + o.lambda)
  const sign = o.monotone?.[j] ?? 0
  let gl = 0
  let hl = 0
  for (let k = 0; k + 1 < order.length; k++) {
    gl += g[order[k]]
    hl += h[order[k]]
    const a = x[order[k]]
    const b = x[order[k + 1]]
    if (a === b) continue
    const hr = H - hl
    if (hl < o.minChildWeight || hr < o.minChildWeight) continue
    const gr = G - gl
    if (sign !== 0) {
      const wl = -gl / (hl + o.lambda)
      const wr = -gr / (hr + o.lambda)
      if ((sign > 0 && wl > wr) || (sign < 0 && wl < wr)) continue
    }
    const gain = (gl * gl) / (hl + o.lambda) + (gr * gr) / (hr + o.lambda) - parent
    if (gain > best.gain)
      Object.assign(best, {
        gain,
        column: j,
        threshold: Math.fround(Math.fround(Math.fround(a) + Math.fround(b)) * 0.5),
        gl,
        hl,
      })
  }
}

export function fitXgb1(columns: readonly Float64Array[], y: ArrayLike<number>, o: Xgb1Options): Xgb1Model {
  const n = y.length
  const orders = columns.map(sortedOrder)
  const F = new Float64Array(n)
  const g = new Float64Array(n)
  const h = new Float64Array(n)
  const stumps: Stump[] = []
  const sets = columns.map(() => new Set<number>())
  for (let round = 0; round < o.rounds; round++) {
    let G = 0
    let H = 0
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-F[i]))
      g[i] = p - y[i]
      h[i] = p * (1 - p)
      G += g[i]
      H += h[i]
    }
    const best: Split = {gain: RT_EPS, column: -1, threshold: Number.NaN, gl: 0, hl: 0}
    columns.forEach((x, j) => scanColumn(x, orders[j], g, h, G, H, j, o, best))
    if (best.column < 0) {
      const w = -G / (H + o.lambda)
      for (let i = 0; i < n; i++) F[i] += o.learningRate * w
      stumps.push({column: -1, threshold: Number.NaN, left: w, right: w})
      continue
    }
    const left = -best.gl / (best.hl + o.lambda)
    const right = -(G - best.gl) / (H - best.hl + o.lambda)
    const x = columns[best.column]
    for (let i = 0; i < n; i++) F[i] += o.learningRate * (x[i] < best.threshold ? left : right)
    stumps.push({column: best.column, threshold: best.threshold, left, right})
    sets[best.column].add(best.threshold)
  }
  return {stumps, thresholds: sets.map((s) => [...s].sort((a, b) => a - b)), margins: F}
}

/** Sign of the Pearson correlation of x with y (+1 if > 0, else −1), ignoring NaN rows. */
export function correlationSign(x: Float64Array, y: ArrayLike<number>): number {
  let n = 0
  let sx = 0
  let sy = 0
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i])) continue
    n++
    sx += x[i]
    sy += y[i]
  }
  let cov = 0
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) cov += (x[i] - sx / n) * (y[i] - sy / n)
  return cov > 0 ? 1 : -1
}
