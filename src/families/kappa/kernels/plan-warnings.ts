/**
 * Warnings a KappaTune plan should carry (spec kappa.md §2.7, §4 quirks 3, 5, 6):
 * raw κ's shape bias, MoE routers among the candidates, and a tied head that
 * is not stored and so cannot be ranked.
 */
export interface WarningInput {
  readonly module: string
  readonly rows: number
  readonly cols: number
  readonly kappa_mp: number
  readonly kind: string
}

/** Router Linears of MoE blocks (Mixtral `block_sparse_moe.gate`, Qwen-MoE `mlp.gate`, `router`). */
const ROUTER_NAME = /(^|\.)(gate|router|routers|switch_mlp\.gate)$/

export function planWarnings(
  candidates: readonly WarningInput[],
  perType: boolean,
  tiedHeadMissing: boolean,
): string[] {
  const warnings: string[] = []
  const mp = candidates.filter((c) => c.kind === 'linear-weight').map((c) => c.kappa_mp)
  // a loop, not Math.min(...mp): spreading 100k+ arguments overflows the stack on large MoE checkpoints
  const lo = mp.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY)
  const hi = mp.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY)
  if (!perType && mp.length > 1 && (hi === Number.POSITIVE_INFINITY ? lo < Number.POSITIVE_INFINITY : hi > 2 * lo)) {
    warnings.push(
      `raw kappa favours thin matrices: the random-matrix baseline kappa_mp ranges from ${fmt(lo)} to ${fmt(hi)} over the candidate shapes; compare kappa with kappa_mp or use --per-type`,
    )
  }
  const routers = candidates.filter(
    (c) => c.kind === 'linear-weight' && ROUTER_NAME.test(c.module) && Math.min(c.rows, c.cols) <= 256,
  )
  if (routers.length > 0) {
    warnings.push(
      `${routers.length} MoE router Linear(s) are candidates (e.g. ${routers[0].module}); thin routers have kappa near 1 and rank first; drop them with --exclude`,
    )
  }
  if (tiedHeadMissing)
    warnings.push('config.json sets tie_word_embeddings and lm_head.weight is not stored: the tied head is not ranked')
  return warnings
}

function fmt(x: number): string {
  return Number.isFinite(x) ? x.toPrecision(3) : 'inf'
}
