/**
 * Ranking metrics (AUROC, AP, PRR, isotonic Brier) and TSU's strict inequalities treat equal
 * values as ties. Measures that are mathematically equal across items (e.g. Eccentricity = √(m−1)
 * when every eigenvalue is below the threshold, or NumSets) differ in their last bits depending
 * on the order of floating-point operations, which would break ties at random. Values are
 * therefore compared after rounding to 12 significant digits (far above the 1e-15 relative
 * noise, far below any meaningful difference).
 */
export const tieDigits = 12

export function roundForTies(value: number): number {
  return Number.isFinite(value) ? Number(value.toPrecision(tieDigits)) : value
}
