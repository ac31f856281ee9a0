/**
 * Population Stability Index between an expected (reference) and an actual sample over the
 * same bins, PSI(E→A) = Σ (a_i − e_i)·ln(a_i/e_i) = J(A, E), with the zero rule of
 * ./zero-rule.ts, its full multinomial delta SE, the χ² drift test
 * T = (N_E·N_A/(N_E+N_A))·PSI ~ χ²(k−1), and the sample-size-aware critical PSI
 * χ²(k−1, 1−α)·(1/N_E + 1/N_A) (spec credit.md §2.5.3) next to the fixed 0.1/0.25 rule.
 * With a fixed (known, not sampled) reference distribution the expected sample's variance term
 * is dropped (spec §2.4) and the test becomes the goodness-of-fit limit N_E → ∞:
 * T = N_A·PSI ~ χ²(k−1), critical PSI χ²(k−1, 1−α)/N_A.
 */
import {chiSquareQuantile, chiSquareSf} from '../../../core/special/chi-square.js'
import {effectiveSize, jeffreys, jeffreysDeltaVariance} from './jeffreys-divergence.js'
import {applyZeroRule} from './zero-rule.js'

export interface PsiOptions {
  readonly zeroFill: number
  /** Significance level of the drift test (default 0.05). */
  readonly alpha: number
  /** Treat the expected sample as a fixed population (drops its variance term). */
  readonly fixedReference?: boolean
}

export interface PopulationStability {
  readonly bins: number
  readonly psi: number
  readonly psi_se_delta: number
  readonly chi2_stat: number
  readonly chi2_df: number
  readonly chi2_p: number
  readonly critical_psi: number
  /** χ² test rejects equality at α. */
  readonly drift: boolean
  /** Classic rule: <0.1 stable, 0.1–0.25 investigate, >0.25 shift. */
  readonly rule_of_thumb: 'stable' | 'investigate' | 'shift'
  readonly expected_total: number
  readonly actual_total: number
}

export function populationStability(
  expected: ArrayLike<number>,
  actual: ArrayLike<number>,
  options: PsiOptions,
): PopulationStability {
  // J(A,E) is symmetric, so the pair is smoothed as (expected, actual) and J taken directly.
  const s = applyZeroRule(expected, actual, options.zeroFill)
  const k = s.kept.length
  const nE = s.firstTotal
  const nA = s.secondTotal
  const psi = k > 0 ? jeffreys(s.q, s.p) : 0
  const fixed = options.fixedReference === true
  const se = Math.sqrt(jeffreysDeltaVariance(s.p, s.q, fixed ? Number.POSITIVE_INFINITY : nE, nA))
  const stat = (fixed ? nA : effectiveSize(nE, nA)) * psi
  const critical =
    k > 1 ? chiSquareQuantile(1 - options.alpha, k - 1) * ((fixed ? 0 : 1 / nE) + 1 / nA) : Number.POSITIVE_INFINITY
  const p = k > 1 ? chiSquareSf(stat, k - 1) : 1
  return {
    bins: k,
    psi,
    psi_se_delta: se,
    chi2_stat: stat,
    chi2_df: k - 1,
    chi2_p: p,
    critical_psi: critical,
    drift: p < options.alpha,
    rule_of_thumb: psi < 0.1 ? 'stable' : psi < 0.25 ? 'investigate' : 'shift',
    expected_total: nE,
    actual_total: nA,
  }
}
