/**
 * WeightWatcher's default power-law fit (`WWFit`, WeightWatcher 0.7.5.5 `WW_powerlaw.py`),
 * identical to powerlaw 1.5 `Fit(data)` with a continuous power law and no xmax.
 *
 * For every candidate xmin = x[i] (every sorted value but the largest, duplicates kept) the
 * continuous MLE (Hill / Clauset, Shalizi & Newman 2009, eq. 3.1)
 *   α_i = 1 + n / (Σ_{k≥i} ln x_k − n ln x_i),  n = N − i
 * and the one-sided KS distance exactly as the reference computes it
 *   D_i = max_{k≥i} |1 − (x_k/x_i)^(1−α_i) − (k−i)/n|   (D_i = 1 when α_i ≤ 1)
 * are formed; the first minimum of D picks xmin. σ = (α−1)/√n.
 *
 * Speed: α for all candidates comes from suffix sums (O(N)); the D scan prunes a candidate as
 * soon as its running maximum can no longer beat the best D so far (tie rule respected), so the
 * chosen (α, D, xmin) are bit-for-bit those of the full O(N²) scan at a fraction of the cost.
 */

/** Eigenvalues at or below this absolute threshold are dropped before fitting (WW `EVALS_THRESH`). */
export const EVALS_THRESHOLD = 1e-5

export interface PowerLawFit {
  readonly alpha: number
  readonly D: number
  readonly sigma: number
  readonly xmin: number
  readonly xmax: number
  /** Index of xmin in the sorted fitted data. */
  readonly xminIndex: number
  /** Number of fitted (above-threshold) values. */
  readonly n: number
}

/** Sorted ascending copy of the values strictly above `threshold`. */
export function valuesAboveThreshold(evals: ArrayLike<number>, threshold = EVALS_THRESHOLD): Float64Array {
  const out: number[] = []
  for (let i = 0; i < evals.length; i++) if (evals[i] > threshold) out.push(evals[i])
  return Float64Array.from(out).sort()
}

/** α_i for every candidate i in 0..N−2 of sorted data x (suffix sums of ln x). */
export function candidateAlphas(x: Float64Array): Float64Array {
  const N = x.length
  const alphas = new Float64Array(Math.max(0, N - 1))
  let suffix = Math.log(x[N - 1])
  for (let i = N - 2; i >= 0; i--) {
    const lx = Math.log(x[i])
    suffix += lx
    const n = N - i
    alphas[i] = 1 + n / (suffix - n * lx)
  }
  return alphas
}

/**
 * KS distance of candidate i, stopping early (returning +∞) once the running max exceeds `bound`
 * (or reaches it, when `strict` is false).
 */
export function candidateDistance(x: Float64Array, i: number, alpha: number, bound = Infinity, strict = true): number {
  if (!(alpha > 1)) return 1
  const N = x.length
  const n = N - i
  const xmin = x[i]
  const e = 1 - alpha
  let d = 0
  for (let k = i; k < N; k++) {
    const v = Math.abs(1 - Math.pow(x[k] / xmin, e) - (k - i) / n)
    if (v > d) {
      d = v
      if (strict ? d > bound : d >= bound) return Infinity
    }
  }
  return d
}

/** All candidates' D (for plots of D against xmin); O(N²). */
export function candidateDistances(x: Float64Array, alphas: Float64Array = candidateAlphas(x)): Float64Array {
  const ds = new Float64Array(alphas.length)
  for (let i = 0; i < alphas.length; i++) ds[i] = candidateDistance(x, i, alphas[i])
  return ds
}

/**
 * Fits sorted ascending data (already thresholded). Returns undefined when there are fewer than
 * two values or α is not finite (WeightWatcher reports such layers as `status: failed`).
 */
export function fitPowerLawSorted(x: Float64Array): PowerLawFit | undefined {
  const N = x.length
  if (N < 2) return undefined
  const alphas = candidateAlphas(x)
  const m = alphas.length
  // Seed the bound with an evenly spaced subset so the pruned scan stops early.
  let best = -1
  let bestD = Infinity
  const stride = Math.max(1, Math.floor(m / 64))
  for (let i = 0; i < m; i += stride) {
    const d = candidateDistance(x, i, alphas[i])
    if (d < bestD) {
      bestD = d
      best = i
    }
  }
  for (let i = 0; i < m; i++) {
    if (i === best) continue
    // An earlier index wins ties (first argmin); a later one must be strictly smaller.
    const d = candidateDistance(x, i, alphas[i], bestD, i < best)
    if (d < bestD || (d === bestD && i < best)) {
      bestD = d
      best = i
    }
  }
  const alpha = alphas[best]
  if (!Number.isFinite(alpha) || !Number.isFinite(bestD)) return undefined
  const n = N - best
  return {alpha, D: bestD, sigma: (alpha - 1) / Math.sqrt(n), xmin: x[best], xmax: x[N - 1], xminIndex: best, n: N}
}

/** WeightWatcher's default fit of an ESD: threshold at 1e-5, then `fitPowerLawSorted`. */
export function fitPowerLaw(evals: ArrayLike<number>, threshold = EVALS_THRESHOLD): PowerLawFit | undefined {
  return fitPowerLawSorted(valuesAboveThreshold(evals, threshold))
}

/** #{λ ≥ xmin} over all eigenvalues (WW `num_pl_spikes`). */
export function countAtLeast(evals: ArrayLike<number>, xmin: number): number {
  let c = 0
  for (let i = 0; i < evals.length; i++) if (evals[i] >= xmin) c++
  return c
}
