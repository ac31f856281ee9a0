/**
 * Points scaling "PDO / base points at base odds" (spec credit.md §2.10, infolens
 * reference): factor = PDO/ln 2, offset = points − factor·ln(odds) with odds good:bad;
 * log-odds(bad) = b0 + Σ b_j·WoE_j; score = offset − factor·(b0 + Σ b_j·WoE_j); per-bin
 * points −factor·b_j·WoE − factor·b0/n + offset/n so a row's score is the sum of its
 * features' points. Higher score = lower risk.
 */

export interface Scaling {
  readonly pdo: number
  readonly base_points: number
  readonly base_odds: number
  readonly factor: number
  readonly offset: number
}

export function scaling(pdo: number, basePoints: number, baseOdds: number): Scaling {
  const factor = pdo / Math.LN2
  return {pdo, base_points: basePoints, base_odds: baseOdds, factor, offset: basePoints - factor * Math.log(baseOdds)}
}

/** Points of every bin of one feature (index order), given its coefficient and WoE map. */
export function binPoints(
  s: Scaling,
  intercept: number,
  coefficient: number,
  woe: readonly number[],
  features: number,
): number[] {
  return woe.map((w) => -s.factor * coefficient * w - (s.factor * intercept) / features + s.offset / features)
}

/** Points of a row matching no bin of the feature (WoE 0). */
export function unmatchedPoints(s: Scaling, intercept: number, features: number): number {
  return -(s.factor * intercept) / features + s.offset / features
}
