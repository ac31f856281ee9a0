/**
 * Norm and scale metrics of an ESD (WeightWatcher 0.7.5.5 `apply_norm_metrics`, `RMT_Util.matrix_rank`,
 * `matrix_entropy`). All over every eigenvalue λ = σ² (not only the power-law tail), no 1/N scaling:
 * norm = Σλ = ‖W‖²_F, spectral_norm = λmax = σmax², stable rank = Σλ/λmax (Martin & Mahoney 2018),
 * alpha_weighted α̂ = α·log10 λmax and log_alpha_norm = log10 Σλ^α (Schatten-α).
 */

const EPS64 = 2 ** -52
/** WW's `EPSILON`, added to p_i and to the rank in the matrix entropy. */
const ENTROPY_EPSILON = 1e-10

export interface NormMetrics {
  readonly norm: number
  readonly log_norm: number
  readonly spectral_norm: number
  readonly log_spectral_norm: number
  readonly stable_rank: number
  readonly matrix_rank: number
  readonly entropy: number
}

function sumAndMax(evals: ArrayLike<number>): {sum: number; max: number} {
  let sum = 0
  let max = -Infinity
  for (let i = 0; i < evals.length; i++) {
    sum += evals[i]
    if (evals[i] > max) max = evals[i]
  }
  return {sum, max}
}

/** #{σ > σmax·N·eps(float64)} with σ = √λ; N is the larger matrix dimension (numpy `matrix_rank`). */
export function matrixRank(evals: ArrayLike<number>, N: number): number {
  let svMax = 0
  for (let i = 0; i < evals.length; i++) svMax = Math.max(svMax, Math.sqrt(Math.max(0, evals[i])))
  const tol = svMax * N * EPS64
  let rank = 0
  for (let i = 0; i < evals.length; i++) if (Math.sqrt(Math.max(0, evals[i])) > tol) rank++
  return rank
}

/** Normalised matrix entropy −Σ p ln p / ln(rank), p = λ/Σλ + 1e-10 (WW `matrix_entropy`). */
export function matrixEntropy(evals: ArrayLike<number>, N: number): number {
  const rank = matrixRank(evals, N) + ENTROPY_EPSILON
  const {sum} = sumAndMax(evals)
  let h = 0
  for (let i = 0; i < evals.length; i++) {
    const p = evals[i] / sum + ENTROPY_EPSILON
    h -= p * Math.log(p)
  }
  return h / Math.log(rank)
}

/** Every α-independent norm metric. */
export function normMetrics(evals: ArrayLike<number>, N: number): NormMetrics {
  const {sum, max} = sumAndMax(evals)
  return {
    norm: sum,
    log_norm: Math.log10(sum),
    spectral_norm: max,
    log_spectral_norm: Math.log10(max),
    stable_rank: sum / max,
    matrix_rank: matrixRank(evals, N),
    entropy: matrixEntropy(evals, N),
  }
}

/** α̂ = α·log10 λmax (WW `alpha_weighted`, SETOL "AlphaHat"). */
export function alphaWeighted(alpha: number, lambdaMax: number): number {
  return alpha * Math.log10(lambdaMax)
}

/** log10 Σ λ^α over all eigenvalues (WW `log_alpha_norm`). */
export function logAlphaNorm(evals: ArrayLike<number>, alpha: number): number {
  let s = 0
  for (let i = 0; i < evals.length; i++) s += Math.pow(evals[i], alpha)
  return Math.log10(s)
}
