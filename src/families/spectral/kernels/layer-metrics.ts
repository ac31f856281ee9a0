/**
 * Every per-layer HTSR / SETOL metric from a layer's ESD, with WeightWatcher's column names
 * (WeightWatcher 0.7.5.5 default `analyze()` path plus detX; spec spectral.md §2.9). Pure: the ESD comes
 * from `combineEsd`, randomised ESDs (if any) from the caller.
 */
import {detX} from './detx.js'
import type {Esd, MatrixGeometry} from './esd.js'
import {fitClippedPowerLaw, fitPowerLawNearPeak, peakWindow} from './fix-fingers.js'
import {trainingWarning, type LayerWarning} from './layer-warning.js'
import {mpFit} from './mp-fit.js'
import {alphaWeighted, logAlphaNorm, normMetrics} from './norm-metrics.js'
import {
  countAtLeast,
  EVALS_THRESHOLD,
  fitPowerLawSorted,
  valuesAboveThreshold,
  type PowerLawFit,
} from './power-law-fit.js'
import {randomizedMetrics} from './randomized-esd.js'
import {fitTruncatedPowerLaw} from './truncated-power-law-fit.js'

export type FixFingers = 'none' | 'clip_xmax' | 'xmin_peak'
/** PL: WeightWatcher's default WWFit; TPL: powerlaw 1.5's truncated power law (WW `fit='TPL'`). */
export type FitKind = 'PL' | 'TPL'

export interface LayerOptions {
  readonly fixFingers: FixFingers
  /** Default PL. TPL cannot be combined with clip_xmax (WeightWatcher would fit a PL there). */
  readonly fit?: FitKind
  readonly mpFit: boolean
  /** Minimum number of above-threshold eigenvalues a fit needs (2 = WeightWatcher). */
  readonly threshold?: number
}

export interface RandomEsds {
  /** Pooled ESD of the shuffled replicas (ascending). */
  readonly replicas: Float64Array
  /** ESD of one more independent shuffle (ascending), for rand_distance. */
  readonly distance: Float64Array
}

export interface LayerMetrics {
  layer_type: MatrixGeometry['layer_type']
  N: number
  M: number
  rf: number
  Q: number
  num_evals: number
  lambda_max: number
  sv_max: number
  sv_min: number
  alpha: number | null
  alpha_weighted: number | null
  D: number | null
  sigma: number | null
  xmin: number | null
  xmax: number | null
  num_pl_spikes: number | null
  log_norm: number
  log_spectral_norm: number
  stable_rank: number
  log_alpha_norm: number | null
  norm: number
  spectral_norm: number
  matrix_rank: number
  rank_loss: number
  weak_rank_loss: number
  entropy: number
  detX_num: number
  detX_val: number
  detX_val_rescaled: number
  setol_gap: number | null
  status: 'ok' | 'failed'
  reason?: string
  warning: LayerWarning
  num_fingers?: number
  raw_alpha?: number | null
  /** Truncated power law's exponential cut-off Λ (--fit TPL). */
  Lambda?: number | null
  mp_softrank?: number
  num_spikes?: number
  bulk_max?: number
  bulk_min?: number
  sigma_mp?: number
  W_scale?: number
  rand_distance?: number
  max_rand_eval?: number
  ww_softrank?: number
  ww_maxdist?: number
  rand_num_spikes?: number
  rand_sigma_mp?: number
  rand_mp_softrank?: number
  rand_W_scale?: number
  rand_bulk_max?: number
  rand_bulk_min?: number
}

/** The fitted data and the power-law fit chosen by `fixFingers`. */
export function fitLayer(
  evals: Float64Array,
  options: LayerOptions,
): {fit?: PowerLawFit; Lambda?: number; num_fingers?: number; raw_alpha?: number | null; fitted: Float64Array} {
  const fitted = valuesAboveThreshold(evals, options.threshold ?? EVALS_THRESHOLD)
  if (options.fit === 'TPL') {
    const range = options.fixFingers === 'xmin_peak' ? peakWindow(fitted) : undefined
    const t = fitted.length < 2 ? undefined : fitTruncatedPowerLaw(fitted, range)
    // a TPL fit with α ≤ 1 or Λ ≤ 0 (no candidate in powerlaw's range) is reported as failed
    if (!t || !t.inRange) return {fitted}
    return {
      fit: {alpha: t.alpha, D: t.D, sigma: Number.NaN, xmin: t.xmin, xmax: t.xmax, xminIndex: t.xminIndex, n: t.n},
      Lambda: t.Lambda,
      fitted,
    }
  }
  if (options.fixFingers === 'clip_xmax') {
    const c = fitClippedPowerLaw(fitted)
    return {fit: c?.fit, num_fingers: c?.num_fingers ?? 0, raw_alpha: c?.raw_alpha ?? null, fitted}
  }
  if (options.fixFingers === 'xmin_peak') return {fit: fitPowerLawNearPeak(fitted), fitted}
  return {fit: fitPowerLawSorted(fitted), fitted}
}

/** All metrics of one layer from its ESD. */
export function layerMetrics(
  esd: Esd,
  geometry: MatrixGeometry,
  options: LayerOptions,
  random?: RandomEsds,
): LayerMetrics {
  const evals = esd.evals
  const norms = normMetrics(evals, geometry.N)
  const {fit, Lambda, num_fingers, raw_alpha} = fitLayer(evals, options)
  const dx = detX(evals)
  const alpha = fit?.alpha ?? null
  const row: LayerMetrics = {
    layer_type: geometry.layer_type,
    N: geometry.N,
    M: geometry.M,
    rf: geometry.rf,
    Q: geometry.N / geometry.M,
    num_evals: evals.length,
    lambda_max: norms.spectral_norm,
    sv_max: esd.sv_max,
    sv_min: esd.sv_min,
    alpha,
    alpha_weighted: fit ? alphaWeighted(fit.alpha, norms.spectral_norm) : null,
    D: fit?.D ?? null,
    sigma: fit && Number.isFinite(fit.sigma) ? fit.sigma : null,
    xmin: fit?.xmin ?? null,
    xmax: fit?.xmax ?? null,
    num_pl_spikes: fit ? countAtLeast(evals, fit.xmin) : null,
    log_norm: norms.log_norm,
    log_spectral_norm: norms.log_spectral_norm,
    stable_rank: norms.stable_rank,
    log_alpha_norm: fit ? logAlphaNorm(evals, fit.alpha) : null,
    norm: norms.norm,
    spectral_norm: norms.spectral_norm,
    matrix_rank: norms.matrix_rank,
    rank_loss: esd.rank_loss,
    weak_rank_loss: esd.weak_rank_loss,
    entropy: norms.entropy,
    detX_num: dx.detX_num,
    detX_val: dx.detX_val,
    detX_val_rescaled: dx.detX_val_rescaled,
    setol_gap: fit ? fit.xmin - dx.detX_val : null,
    status: fit ? 'ok' : 'failed',
    warning: trainingWarning(alpha),
  }
  if (!fit) {
    row.reason =
      options.fit === 'TPL'
        ? 'truncated power-law fit failed (fewer than 2 distinct eigenvalues above 1e-5, or no fit with alpha > 1 and Lambda > 0)'
        : 'power-law fit failed (fewer than 2 eigenvalues above 1e-5 or a non-finite alpha)'
  }
  if (options.fit === 'TPL') row.Lambda = Lambda ?? null
  if (options.fixFingers === 'clip_xmax') {
    row.num_fingers = num_fingers
    row.raw_alpha = raw_alpha
  }
  if (options.mpFit) Object.assign(row, mpFit(evals, geometry.N, geometry.M))
  if (random) {
    Object.assign(row, randomizedMetrics(evals, random.replicas, random.distance))
    const r = mpFit(random.replicas, geometry.N, geometry.M)
    Object.assign(row, {
      rand_num_spikes: r.num_spikes,
      rand_sigma_mp: r.sigma_mp,
      rand_mp_softrank: r.mp_softrank,
      rand_W_scale: r.W_scale,
      rand_bulk_max: r.bulk_max,
      rand_bulk_min: r.bulk_min,
    })
  }
  return row
}
