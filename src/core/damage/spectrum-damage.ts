/**
 * How far a copy B of a weight matrix A moved in its spectrum, from singular values alone (descending,
 * all slices of a conv kernel pooled): the relative change of the top singular value |σ₁(B) − σ₁(A)|/σ₁(A)
 * (how much the layer's gain moved), the spectral-norm error ‖B − A‖₂/‖A‖₂ (the worst-case relative
 * output error; needs σ₁ of B − A), the relative shift (λᵢ(B) − λᵢ(A))/λᵢ(A) of the top-k eigenvalues
 * λ = σ² of WᵀW, and the condition numbers κ = σ_max/σ_min of both and Δκ = κ(B) − κ(A).
 * The shift is computed as (σᵢ(B) − σᵢ(A))(σᵢ(B) + σᵢ(A))/σᵢ(A)², which keeps its digits when the change is tiny.
 * κ is null when σ_min is 0 (a singular matrix has no finite κ, and JSON has no infinity).
 */

export interface SpectrumDamage {
  readonly sigma1_rel_change: number
  readonly rel_spectral_error: number
  /** (λᵢ(B) − λᵢ(A))/λᵢ(A) for the k largest, i = 1..k (fewer when the matrix has fewer). */
  readonly top_eigen_shift: number[]
  /** max |top_eigen_shift|. */
  readonly top_shift_max: number
  readonly kappa_a: number | null
  readonly kappa_b: number | null
  readonly delta_kappa: number | null
}

const kappaOf = (s: Float64Array): number | null => {
  const min = s.reduce((m, v) => Math.min(m, v), Infinity)
  const max = s.reduce((m, v) => Math.max(m, v), 0)
  return min > 0 && Number.isFinite(min) ? max / min : null
}

/** Descending copy (slices pooled from several solves need not be in order). */
const descending = (s: Float64Array) => Float64Array.from(s).sort((x, y) => y - x)

/**
 * `sa`, `sb`: singular values of A and B; `sd`: those of B − A (only its largest is used); `k`: how many
 * top eigenvalues to compare. Throws when A and B have different numbers of singular values.
 */
export function spectrumDamage(sa: Float64Array, sb: Float64Array, sd: Float64Array, k: number): SpectrumDamage {
  if (sa.length !== sb.length || sa.length === 0)
    throw new RangeError(`spectrumDamage: ${sa.length} vs ${sb.length} singular values`)
  const a = descending(sa)
  const b = descending(sb)
  const dMax = sd.reduce((m, v) => Math.max(m, v), 0)
  const shifts = Array.from({length: Math.min(k, a.length)}, (_, i) => ((b[i] - a[i]) * (b[i] + a[i])) / (a[i] * a[i]))
  const kappaA = kappaOf(a)
  const kappaB = kappaOf(b)
  return {
    sigma1_rel_change: Math.abs(b[0] - a[0]) / a[0],
    rel_spectral_error: dMax / a[0],
    top_eigen_shift: shifts,
    top_shift_max: shifts.reduce((m, v) => Math.max(m, Math.abs(v)), 0),
    kappa_a: kappaA,
    kappa_b: kappaB,
    delta_kappa: kappaA !== null && kappaB !== null ? kappaB - kappaA : null,
  }
}
