/**
 * The statistics of `credit fairness` from bin counts split by the protected group A:
 * proxy IV of each feature (IV with A as the target, full multinomial SE), the IV of A
 * against the default flag, the score-level IV between groups over the scorecard's PD
 * deciles with its one-sided upper bound, and the candidates of the Pareto frontier
 * (spec credit.md §2.8, §2.11, §6.5–6.7).
 */
import type {FrontierCandidate} from './fairness-frontier.js'
import {informationValue} from './information-value.js'
import {applyZeroRule} from './zero-rule.js'

export interface GroupIv {
  readonly iv: number
  readonly se: number
  /** One-sided upper bound IV + z·SE. */
  readonly upper: number
  readonly bins: number
}

/** J(shares of group 0, shares of group 1) over bins, with its delta SE. */
export function groupIv(group0: ArrayLike<number>, group1: ArrayLike<number>, zeroFill: number, z: number): GroupIv {
  const v = informationValue(applyZeroRule(group0, group1, zeroFill))
  return {iv: v.iv, se: v.iv_se_delta, upper: v.iv + z * v.iv_se_delta, bins: v.bins}
}

export interface ProxyRow extends FrontierCandidate {
  readonly bins: number
}

export function proxyRows(
  features: readonly {feature: string; iv: number}[],
  counts: readonly Float64Array[][],
  zeroFill: number,
): ProxyRow[] {
  return features.map((f, j) => {
    const v = informationValue(applyZeroRule(counts[j][0], counts[j][1], zeroFill))
    return {feature: f.feature, iv_target: f.iv, iv_protected: v.iv, se_protected: v.iv_se_delta, bins: v.bins}
  })
}
