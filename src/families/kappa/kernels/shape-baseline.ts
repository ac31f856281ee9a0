/**
 * The condition number a random Gaussian matrix of a given shape has, from the
 * Marchenko–Pastur edges (1 ± √β) with β = min(m,n)/max(m,n) (spec kappa.md §2.6–2.7).
 * Raw κ favours thin matrices (1024×4096 → ≈3) over square ones (→ ∞), so the
 * report shows this baseline beside κ instead of silently "correcting" the ranking.
 */
export function kappaMp(rows: number, cols: number): number {
  const beta = Math.min(rows, cols) / Math.max(rows, cols)
  if (beta >= 1) return Number.POSITIVE_INFINITY
  const r = Math.sqrt(beta)
  return (1 + r) / (1 - r)
}
