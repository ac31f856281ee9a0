/**
 * Per-matrix metrics computed from a singular-value spectrum (KappaTune,
 * Ludwig 2025, arXiv:2506.16289; spec kappa.md §2.5–2.6). Everything here is a
 * function of σ₁ ≥ … ≥ σ_k ≥ 0 (k = min(m, n)) and the matrix shape only, so a
 * cached spectrum is enough to re-derive the whole report.
 */
import {kappaMp} from './shape-baseline.js'

/** PEFT's absolute epsilon in `S[0] / (S[-1] + 1e-8)` (KappaTuneSelector). */
export const PEFT_EPS = 1e-8

export interface SpectrumMetrics {
  /** σ₁/σ_k; +∞ when σ_k = 0; NaN for an all-zero matrix (0/0). */
  readonly kappa: number
  /** σ₁/(σ_k + eps): the exact PEFT value (finite for singular matrices). */
  readonly kappa_peft: number
  readonly log10_kappa: number
  readonly sigma_max: number
  readonly sigma_min: number
  /** ‖W‖_F = √Σσ². */
  readonly fro_norm: number
  /** L = Σ ln σ_i in nats (= ln|det W| if square); −∞ if some σ_i = 0. */
  readonly log_volume: number
  /** Δ = L − (k/2) ln(F²/k) ≤ 0: the log-volume deficit against the isotropic map of the same norm. */
  readonly log_volume_gap: number
  /** Δ/k = ln(geometric mean σ / RMS σ). */
  readonly log_volume_gap_per_dim: number
  /** H = −Σ p_i ln p_i with p_i = σ_i/Σσ_j (nats). */
  readonly spectral_entropy: number
  /** exp(H) (Roy & Vetterli 2007). */
  readonly effective_rank: number
  /** F²/σ₁². */
  readonly stable_rank: number
  /** (Σσ²)²/Σσ⁴. */
  readonly participation_ratio: number
  /** κ of a random Gaussian matrix of the same shape (Marchenko–Pastur edges). */
  readonly kappa_mp: number
}

/**
 * Metrics of one matrix from its singular values, sorted descending.
 * `rows`/`cols` give the matrix shape (for κ_MP); `eps` is PEFT's epsilon.
 */
export function spectrumMetrics(sigma: ArrayLike<number>, rows: number, cols: number, eps = PEFT_EPS): SpectrumMetrics {
  const k = sigma.length
  if (k === 0) throw new RangeError('empty spectrum')
  const s1 = sigma[0]
  const sk = sigma[k - 1]
  let sum = 0
  let sumSq = 0
  let sumQuad = 0
  let logVolume = 0
  for (let i = 0; i < k; i++) {
    const s = sigma[i]
    sum += s
    sumSq += s * s
    sumQuad += s * s * s * s
    logVolume += Math.log(s)
  }
  const kappa = conditionNumber(s1, sk)
  const logVolumeGap = logVolume - (k / 2) * Math.log(sumSq / k)
  const entropy = spectralEntropy(sigma, sum)
  return {
    kappa,
    kappa_peft: s1 / (sk + eps),
    log10_kappa: Math.log10(kappa),
    sigma_max: s1,
    sigma_min: sk,
    fro_norm: Math.sqrt(sumSq),
    log_volume: logVolume,
    log_volume_gap: logVolumeGap,
    log_volume_gap_per_dim: logVolumeGap / k,
    spectral_entropy: entropy,
    effective_rank: Math.exp(entropy),
    stable_rank: sumSq / (s1 * s1),
    participation_ratio: (sumSq * sumSq) / sumQuad,
    kappa_mp: kappaMp(rows, cols),
  }
}

/** σ₁/σ_k with the conventions the report documents: ∞ if σ_k = 0 < σ₁, NaN for the zero matrix. */
export function conditionNumber(sigmaMax: number, sigmaMin: number): number {
  if (sigmaMin === 0) return sigmaMax === 0 ? Number.NaN : Number.POSITIVE_INFINITY
  return sigmaMax / sigmaMin
}

/** Shannon entropy (nats) of p_i = σ_i/Σσ; 0·ln 0 = 0. */
function spectralEntropy(sigma: ArrayLike<number>, sum: number): number {
  if (!(sum > 0)) return Number.NaN
  let h = 0
  for (let i = 0; i < sigma.length; i++) {
    const p = sigma[i] / sum
    if (p > 0) h -= p * Math.log(p)
  }
  return h
}

/**
 * Upper bound on the log-volume gap for a given κ (spec §2.5 item 3, derived):
 * Δ ≤ ln(2κ/(1+κ²)), tight for σ₁ = κa, σ_k = a, the rest F/√k.
 */
export function logVolumeGapBound(kappa: number): number {
  if (!Number.isFinite(kappa)) return Number.NEGATIVE_INFINITY
  // ln(2κ) − ln(1+κ²) without overflowing κ² for huge κ.
  return (
    Math.log(2) +
    Math.log(kappa) -
    (kappa > 1e8 ? 2 * Math.log(kappa) + Math.log1p(1 / (kappa * kappa)) : Math.log1p(kappa * kappa))
  )
}
