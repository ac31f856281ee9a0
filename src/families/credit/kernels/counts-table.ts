/**
 * The counts table: class counts per (feature, bin), the sufficient statistic of IV, PSI and
 * every standard error and test of `credit bin` and `credit psi` (spec credit.md §2.4). It is the
 * interface between the engines that count (in-process reader, DuckDB, PostgreSQL, any warehouse
 * running the `credit sql` queries) and the statistics, which only ever see this table.
 *
 * Row form (CSV, JSON, Parquet): feature, bin_id, bin (label or interval), class (good, bad, or
 * all when the data had no target), count, and an optional weight (sum of row weights).
 * bin_id −1 holds the rows that matched no bin (unseen categories); they are excluded from the
 * statistics as on the row-level path.
 */
import type {FeatureBinning} from './feature-binning.js'

export type CountClass = 'good' | 'bad' | 'all'

export interface CountRow {
  readonly feature: string
  readonly bin_id: number
  readonly bin: string
  readonly class: CountClass
  readonly count: number
  readonly weight?: number
}

export interface FeatureCounts {
  readonly binning: FeatureBinning
  /** Class counts per bin index (with `classes` false, every row is counted in `goods`). */
  readonly goods: Float64Array
  readonly bads: Float64Array
  /** Rows matching no bin, [good, bad]. */
  readonly unmatched: readonly [number, number]
}

/** What the table says about the data it was counted on (Parquet key-value metadata, JSON header). */
export interface CountsMeta {
  readonly target: string | null
  readonly good_label: string
  readonly bad_label: string
  readonly method: string
  /** Which engine counted, its version, and the query text (credentials removed). */
  readonly engine?: string
}

export interface CountsTable extends CountsMeta {
  /** Whether rows were split by class (false: one `all` class). */
  readonly classes: boolean
  readonly features: readonly FeatureCounts[]
}

export const UNMATCHED_LABEL = '(unmatched)'

/** One row per (feature, bin, class), zero counts included, bins in index order, then unmatched. */
export function countRowsOf(table: CountsTable): CountRow[] {
  const out: CountRow[] = []
  const classes: [CountClass, 0 | 1][] = table.classes
    ? [
        ['good', 0],
        ['bad', 1],
      ]
    : [['all', 0]]
  for (const f of table.features) {
    const b = f.binning
    b.labels.forEach((label, i) => {
      for (const [cls, k] of classes)
        out.push({feature: b.feature, bin_id: i, bin: label, class: cls, count: (k ? f.bads : f.goods)[i]})
    })
    for (const [cls, k] of classes)
      out.push({feature: b.feature, bin_id: -1, bin: UNMATCHED_LABEL, class: cls, count: f.unmatched[k]})
  }
  return out
}

/** Total rows of one feature's counts (every feature of a table counts the same rows). */
export function featureRows(f: FeatureCounts): number {
  let n = f.unmatched[0] + f.unmatched[1]
  for (let i = 0; i < f.goods.length; i++) n += f.goods[i] + f.bads[i]
  return n
}
