/**
 * One score for a fused MoE expert parameter (E, a, b) from its E expert
 * spectra. PEFT's KappaTuneSelector scores the parameter by the arithmetic
 * mean of the per-expert κ (spec kappa.md §2.2); the other fields follow the
 * documented convention: σ_max/σ_min are the extremes over all experts, the
 * Frobenius norm is that of the whole tensor, every other metric is the mean
 * over experts, and log10_kappa is log10 of the mean κ.
 */
import {spectrumMetrics, type SpectrumMetrics} from './spectrum-metrics.js'

export interface ExpertSummary {
  readonly metrics: SpectrumMetrics
  readonly expert_kappa_min: number
  readonly expert_kappa_median: number
  readonly expert_kappa_max: number
}

/** Aggregates the spectra of E experts of size rows×cols (each descending). */
export function aggregateExperts(
  spectra: readonly ArrayLike<number>[],
  rows: number,
  cols: number,
  eps: number,
): ExpertSummary {
  if (spectra.length === 0) throw new RangeError('no experts')
  const per = spectra.map((s) => spectrumMetrics(s, rows, cols, eps))
  const mean = (f: (m: SpectrumMetrics) => number) => per.reduce((acc, m) => acc + f(m), 0) / per.length
  const kappa = mean((m) => m.kappa)
  const metrics: SpectrumMetrics = {
    kappa,
    kappa_peft: mean((m) => m.kappa_peft),
    log10_kappa: Math.log10(kappa),
    sigma_max: Math.max(...per.map((m) => m.sigma_max)),
    sigma_min: Math.min(...per.map((m) => m.sigma_min)),
    fro_norm: Math.sqrt(per.reduce((acc, m) => acc + m.fro_norm * m.fro_norm, 0)),
    log_volume: mean((m) => m.log_volume),
    log_volume_gap: mean((m) => m.log_volume_gap),
    log_volume_gap_per_dim: mean((m) => m.log_volume_gap_per_dim),
    spectral_entropy: mean((m) => m.spectral_entropy),
    effective_rank: mean((m) => m.effective_rank),
    stable_rank: mean((m) => m.stable_rank),
    participation_ratio: mean((m) => m.participation_ratio),
    kappa_mp: per[0].kappa_mp,
  }
  const sorted = per.map((m) => m.kappa).sort(ascendingNanLast)
  return {
    metrics,
    expert_kappa_min: sorted[0],
    expert_kappa_median: median(sorted),
    expert_kappa_max: sorted[sorted.length - 1],
  }
}

/** numpy's median of an ascending list (mean of the two middle values when even). */
function median(sorted: readonly number[]): number {
  const n = sorted.length
  return n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
}

function ascendingNanLast(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1
  if (Number.isNaN(b)) return -1
  return a - b || 0
}
