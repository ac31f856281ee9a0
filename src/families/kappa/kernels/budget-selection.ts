/**
 * KappaTune selection: rank candidates by ascending κ and take a budget from
 * the low end (spec kappa.md §2.1, §2.4). The budget applies separately to each
 * group: PEFT's find_kappa_target_modules treats Linear modules and fused MoE
 * parameters as two lists; `--per-type` uses Spectrum's per-layer-type quotas.
 * Ties break on the original tensor order (a stable sort), unlike the author's
 * hf_integration which takes an arbitrary slice of a set (§4 quirk 1).
 */

export type Budget =
  | {readonly mode: 'count'; readonly count: number}
  | {readonly mode: 'fraction'; readonly fraction: number}
  | {readonly mode: 'max-kappa'; readonly maxKappa: number}

export interface RankItem {
  /** Position of the tensor in the checkpoint's natural order (the tie-breaker). */
  readonly order: number
  /** The ranking key: κ (mean κ for fused experts). NaN and +∞ rank last. */
  readonly score: number
  /** The budget group (kind, or layer type under --per-type). */
  readonly group: string
}

export interface Ranked {
  readonly order: number
  readonly group: string
  /** 1-based position in the ascending ranking of all candidates. */
  readonly rank_position: number
  /** 1-based position inside its budget group. */
  readonly group_rank: number
  readonly selected: boolean
}

/** Ascending score, NaN after +∞, then original order. */
export function compareScores(a: RankItem, b: RankItem): number {
  const ka = sortKey(a.score)
  const kb = sortKey(b.score)
  if (ka[0] !== kb[0]) return ka[0] - kb[0]
  if (ka[1] !== kb[1]) return ka[1] < kb[1] ? -1 : 1
  return a.order - b.order
}

function sortKey(score: number): [number, number] {
  if (Number.isNaN(score)) return [2, 0]
  if (score === Number.POSITIVE_INFINITY) return [1, 0]
  return [0, score]
}

/** How many of a group of `size` ascending scores a count or fraction budget takes (PEFT: max(1, int(len·top_p))). */
export function budgetSize(budget: Budget, size: number): number {
  if (size === 0) return 0
  if (budget.mode === 'count') return Math.min(budget.count, size)
  if (budget.mode === 'fraction') return Math.min(size, Math.max(1, Math.floor(size * budget.fraction)))
  throw new RangeError('max-kappa budgets are not a size')
}

/** Ranks every candidate and marks the selected ones under `budget`, group by group. */
export function selectByBudget(items: readonly RankItem[], budget: Budget): Ranked[] {
  const sorted = [...items].sort(compareScores)
  const groups = new Map<string, RankItem[]>()
  for (const item of sorted) {
    const list = groups.get(item.group) ?? []
    list.push(item)
    groups.set(item.group, list)
  }
  const groupRank = new Map<RankItem, number>()
  const selected = new Set<RankItem>()
  for (const list of groups.values()) {
    const take =
      budget.mode === 'max-kappa'
        ? list.filter((i) => i.score <= budget.maxKappa).length
        : budgetSize(budget, list.length)
    list.forEach((item, i) => {
      groupRank.set(item, i + 1)
      if (i < take) selected.add(item)
    })
  }
  return sorted.map((item, i) => ({
    order: item.order,
    group: item.group,
    rank_position: i + 1,
    group_rank: groupRank.get(item) ?? 0,
    selected: selected.has(item),
  }))
}
