/**
 * Feature selection under a (probabilistic) fairness constraint (spec credit.md §2.8):
 *   max Σ_j IV_j^y·z_j  s.t.  Σ_j (IV_j^A + z_{1−α}·SE_j^A)·z_j ≤ ε,  z_j ∈ {0,1},
 * swept over ε to trace the ε-constraint Pareto frontier. "point" uses IV^A alone,
 * "robust" adds z·SE. Up to 25 candidates are solved by exact enumeration of all subsets
 * (bit i = candidate i; the first subset in index order wins ties); beyond, or on request,
 * by the HiGHS MIP solver (WASM). Ref: Haimes et al. (1971), ε-constraint method.
 */
import highsModule from 'highs'

type Loader = () => Promise<{
  solve(lp: string, options?: Record<string, unknown>): {Status: string; Columns: Record<string, unknown>}
}>
/** The package's default export is the loader; its typings resolve oddly under NodeNext. */
const highsLoader = ((highsModule as unknown as {default?: Loader}).default ?? highsModule) as unknown as Loader

export interface FrontierCandidate {
  readonly feature: string
  readonly iv_target: number
  readonly iv_protected: number
  readonly se_protected: number
}

export interface FrontierPoint {
  readonly epsilon: number | null
  readonly kind: 'point' | 'robust'
  readonly iv_total: number
  readonly cost: number
  readonly features: readonly string[]
  readonly solver: 'enumeration' | 'highs'
}

function costOf(c: FrontierCandidate, kind: 'point' | 'robust', z: number): number {
  return c.iv_protected + (kind === 'robust' ? z * c.se_protected : 0)
}

/** Exact enumeration of the 2^n subsets for every (ε, kind). */
export function enumerateFrontier(
  cands: readonly FrontierCandidate[],
  epsilons: readonly number[],
  z: number,
): FrontierPoint[] {
  const n = cands.length
  const kinds = ['point', 'robust'] as const
  const best = epsilons.flatMap((e) => kinds.map((kind) => ({e, kind, value: -1, cost: 0, mask: 0})))
  const costs = kinds.map((k) => cands.map((c) => costOf(c, k, z)))
  for (let mask = 0; mask < 2 ** n; mask++) {
    let value = 0
    let cp = 0
    let cr = 0
    for (let i = 0; i < n; i++) {
      if (mask & (1 << i)) {
        value += cands[i].iv_target
        cp += costs[0][i]
        cr += costs[1][i]
      }
    }
    for (const b of best) {
      const cost = b.kind === 'point' ? cp : cr
      if (cost <= b.e && value > b.value) Object.assign(b, {value, cost, mask})
    }
  }
  return best.map((b) => ({
    epsilon: Number.isFinite(b.e) ? b.e : null,
    kind: b.kind,
    iv_total: b.value,
    cost: b.cost,
    features: cands.filter((_, i) => b.mask & (1 << i)).map((c) => c.feature),
    solver: 'enumeration' as const,
  }))
}

/** The same problem as a 0-1 knapsack MIP solved by HiGHS. */
export async function mipFrontier(
  cands: readonly FrontierCandidate[],
  epsilons: readonly number[],
  z: number,
): Promise<FrontierPoint[]> {
  const highs = await highsLoader()
  const out: FrontierPoint[] = []
  for (const e of epsilons) {
    for (const kind of ['point', 'robust'] as const) {
      const costs = cands.map((c) => costOf(c, kind, z))
      const terms = (w: readonly number[]) =>
        w.map((v, i) => `${v >= 0 ? '+' : '-'} ${Math.abs(v).toPrecision(17)} x${i}`).join(' ')
      const constraint = Number.isFinite(e) ? `Subject To\n c1: ${terms(costs)} <= ${e.toPrecision(17)}\n` : ''
      const lp = `Maximize\n obj: ${terms(cands.map((c) => c.iv_target))}\n${constraint}Binary\n ${cands.map((_, i) => `x${i}`).join(' ')}\nEnd\n`
      const s = highs.solve(lp, {mip_rel_gap: 0, mip_abs_gap: 0})
      if (s.Status !== 'Optimal') throw new Error(`HiGHS: ${s.Status}`)
      const chosen = cands.map((_, i) => ((s.Columns[`x${i}`] as {Primal: number} | undefined)?.Primal ?? 0) > 0.5)
      out.push({
        epsilon: Number.isFinite(e) ? e : null,
        kind,
        iv_total: cands.reduce((a, c, i) => a + (chosen[i] ? c.iv_target : 0), 0),
        cost: costs.reduce((a, c, i) => a + (chosen[i] ? c : 0), 0),
        features: cands.filter((_, i) => chosen[i]).map((c) => c.feature),
        solver: 'highs',
      })
    }
  }
  return out
}
