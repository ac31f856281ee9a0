/**
 * Type-7 quantile cut points of numeric columns from a SQL engine: the ranks h = (n−1)·i/m, floor(h)
 * and floor(h)+1 exactly as ../kernels/quantile-binning.ts computes them, the order statistics at
 * those ranks from one scan (./credit-queries.ts orderStatisticsAllSql), then numpy's two-sided lerp
 * here, so the edges are the in-process edges bit for bit. No engine quantile function is used.
 */
import {lerp} from '../kernels/quantile-binning.js'
import {orderStatisticsAllSql, type SqlColumn} from './credit-queries.js'
import type {SqlRunner} from './sql-counting.js'

const num = (v: unknown) => Number(v)

interface Wanted {
  readonly h: number
  readonly lo: number
  readonly hi: number
}

/** The ranks type-7 needs for `bins` quantiles of n values (as quantile-binning.ts computes them). */
function wantedRanks(n: number, bins: number): Wanted[] {
  const wanted: Wanted[] = []
  if (n === 0) return wanted
  for (let i = 1; i < bins; i++) {
    const h = (n - 1) * (i / bins)
    const lo = Math.floor(h)
    wanted.push({h, lo, hi: Math.min(lo + 1, n - 1)})
  }
  return wanted
}

/** Unique ascending edges from the order statistics, with numpy's lerp. */
function edgesFrom(wanted: readonly Wanted[], at: ReadonlyMap<number, number>): number[] {
  const edges: number[] = []
  for (const w of wanted) {
    const e = lerp(at.get(w.lo)!, at.get(w.hi)!, w.h - w.lo)
    if (!Number.isNaN(e) && (edges.length === 0 || e > edges[edges.length - 1])) edges.push(e)
  }
  return edges
}

/** Type-7 edges of every numeric column from one order-statistics scan. */
export async function quantileEdgesSql(
  r: SqlRunner,
  source: string,
  columns: readonly {readonly column: SqlColumn; readonly n: number}[],
  special: readonly string[],
  bins: number,
): Promise<number[][]> {
  const wanted = columns.map((c) => wantedRanks(c.n, bins))
  const asked = columns
    .map((c, j) => ({column: c.column, j, ranks: [...new Set(wanted[j].flatMap((w) => [w.lo, w.hi]))]}))
    .filter((c) => c.ranks.length > 0)
  const at = columns.map(() => new Map<number, number>())
  if (asked.length > 0) {
    const rows = await r.run(orderStatisticsAllSql(r.relation(source), asked, special, r.dialect))
    for (const row of rows) at[asked[num(row.j)].j].set(num(row.r), num(row.x))
  }
  return wanted.map((w, j) => edgesFrom(w, at[j]))
}
