/**
 * Information Value of one binned feature with its uncertainty (spec credit.md §2.3–2.5):
 * IV = J(goods, bads); bias-corrected IV − (k−1)/c; SEs by the full multinomial delta method,
 * the non-central χ² form and (optionally) fastwoe's bin-wise form; the χ² test of IV = 0
 * (T = c·IV ~ χ²(k−1)); one-sided z-tests of IV > τ for business thresholds; a CI from the
 * delta SE clipped at 0.
 */
import {chiSquareSf} from '../../../core/special/chi-square.js'
import {normalQuantile, normalSf} from '../../../core/special/normal.js'
import {
  effectiveSize,
  jeffreys,
  jeffreysBinwiseVariance,
  jeffreysDeltaVariance,
  jeffreysNoncentralVariance,
} from './jeffreys-divergence.js'
import type {SmoothedPair} from './zero-rule.js'

/** Conventional IV thresholds: <0.02 useless, 0.02–0.1 weak, 0.1–0.3 medium, >0.3 strong. */
export const IV_THRESHOLDS = [0.02, 0.1, 0.3] as const

export interface ThresholdTest {
  readonly threshold: number
  /** (IV − τ)/SE with the delta SE; null when SE = 0. */
  readonly z: number | null
  /** One-sided p-value of H0: IV ≤ τ. */
  readonly p: number | null
}

export interface InformationValue {
  readonly bins: number
  readonly iv: number
  readonly iv_bias_corrected: number
  readonly iv_se_delta: number
  readonly iv_se_ncchi2: number
  readonly iv_se_binwise: number
  readonly chi2_stat: number
  readonly chi2_df: number
  readonly chi2_p: number
  readonly thresholds: readonly ThresholdTest[]
  /** Two-sided CI [max(0, IV − z·SE), IV + z·SE] at `level`. */
  readonly ci: readonly [number, number]
  readonly ci_level: number
  readonly strength: 'useless' | 'weak' | 'medium' | 'strong'
}

export function informationValue(s: SmoothedPair, ciLevel = 0.95): InformationValue {
  const k = s.kept.length
  const G = s.firstTotal
  const B = s.secondTotal
  const iv = k > 0 ? jeffreys(s.p, s.q) : 0
  const c = effectiveSize(G, B)
  const se = Math.sqrt(jeffreysDeltaVariance(s.p, s.q, G, B))
  const z = normalQuantile(1 - (1 - ciLevel) / 2)
  const stat = c * iv
  return {
    bins: k,
    iv,
    iv_bias_corrected: iv - (k - 1) / c,
    iv_se_delta: se,
    iv_se_ncchi2: Math.sqrt(Math.max(0, jeffreysNoncentralVariance(iv, k, G, B))),
    iv_se_binwise: Math.sqrt(jeffreysBinwiseVariance(s.p, s.q, G, B)),
    chi2_stat: stat,
    chi2_df: k - 1,
    chi2_p: k > 1 ? chiSquareSf(stat, k - 1) : 1,
    thresholds: IV_THRESHOLDS.map((t) => thresholdTest(iv, se, t)),
    ci: [Math.max(0, iv - z * se), iv + z * se],
    ci_level: ciLevel,
    strength: iv < 0.02 ? 'useless' : iv < 0.1 ? 'weak' : iv < 0.3 ? 'medium' : 'strong',
  }
}

function thresholdTest(iv: number, se: number, threshold: number): ThresholdTest {
  if (!(se > 0)) return {threshold, z: null, p: null}
  const z = (iv - threshold) / se
  return {threshold, z, p: normalSf(z)}
}
