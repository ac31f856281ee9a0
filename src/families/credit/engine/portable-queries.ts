/**
 * The two queries `credit sql` prints for engines infolens cannot reach (spark, bigquery) or for
 * running by hand: (1) a feature's type-7 quantile cut points, self-contained (ranks h = (n−1)·i/m,
 * the order statistics at floor(h) and floor(h)+1, numpy's two-sided lerp, all in double
 * precision as ../kernels/quantile-binning.ts computes them); (2) the counts table itself, rows
 * (feature, bin_id, bin, class, count) with zero rows for empty bins, ready for
 * `credit bin --from-counts` and `credit psi --from-counts`.
 */
import type {FeatureBinning} from '../kernels/feature-binning.js'
import {
  binKeySql,
  cellSql,
  ident,
  KEY_MISSING,
  keyOfSpecial,
  text,
  type Dialect,
  type SqlColumn,
} from './credit-queries.js'

function dbl(e: string, d: Dialect): string {
  return `CAST(${e} AS ${d === 'postgres' ? 'double precision' : d === 'bigquery' ? 'FLOAT64' : 'DOUBLE'})`
}

function sequence(from: number, to: number): string {
  const out: string[] = []
  for (let i = from; i <= to; i++) out.push(`SELECT ${i} AS i`)
  return out.join(' UNION ALL ')
}

/** Distinct ascending cut points of one numeric feature (the unique type-7 quantiles at i/m). */
export function cutPointsSql(
  source: string,
  c: SqlColumn,
  special: readonly string[],
  bins: number,
  d: Dialect,
): string {
  const s = cellSql(c, d)
  const notSpecial = special.length ? ` AND NOT (${special.map((x) => s.special(x, true)).join(' OR ')})` : ''
  const run = 'ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW'
  return [
    `-- cut points of ${c.name}: type-7 quantiles at i/${bins}, i = 1..${bins - 1}; keep the distinct values`,
    `WITH d AS (SELECT x, COUNT(*) AS c FROM (SELECT ${s.number} AS x FROM ${source} AS src WHERE NOT ${s.missing}${notSpecial}) AS v WHERE x IS NOT NULL GROUP BY x),`,
    `w AS (SELECT x, SUM(c) OVER (ORDER BY x ${run}) - c AS lo_rank, SUM(c) OVER (ORDER BY x ${run}) AS hi_rank, SUM(c) OVER () AS n FROM d),`,
    `k AS (SELECT i, n, (${dbl('n', d)} - 1) * (${dbl('i', d)} / ${dbl(String(bins), d)}) AS h FROM (SELECT DISTINCT n FROM w) AS t CROSS JOIN (${sequence(1, bins - 1)}) AS s),`,
    `q AS (SELECT i, h, FLOOR(h) AS lo, LEAST(FLOOR(h) + 1, n - 1) AS hi, h - FLOOR(h) AS f FROM k)`,
    `SELECT DISTINCT CASE WHEN q.f >= 0.5 THEN b.x - (b.x - a.x) * (1 - q.f) ELSE a.x + (b.x - a.x) * q.f END AS edge`,
    `FROM q JOIN w AS a ON q.lo >= a.lo_rank AND q.lo < a.hi_rank JOIN w AS b ON q.hi >= b.lo_rank AND q.hi < b.hi_rank`,
    `ORDER BY edge`,
  ].join('\n')
}

/** The counts table of `binnings` over `source`, class from the target (or `all`). */
export function countsTableSql(
  source: string,
  features: readonly {readonly column: SqlColumn; readonly binning: FeatureBinning}[],
  target: SqlColumn | null,
  badLabel: string,
  d: Dialect,
): string {
  const t = target
    ? `TRIM(CAST(${ident(target.name, d)} AS ${d === 'postgres' ? 'text' : d === 'duckdb' ? 'VARCHAR' : 'STRING'}))`
    : ''
  const cls = target ? `CASE WHEN ${t} = ${text(badLabel)} THEN 'bad' ELSE 'good' END` : `'all'`
  const classes = target ? ['good', 'bad'] : ['all']
  const parts: string[] = []
  for (const [p, {column, binning: b}] of features.entries()) {
    const regular = b.type === 'numeric' ? b.edges.length + 1 : b.groups.length
    const key = binKeySql({kind: 'bins', column, binning: b}, d)
    const ids = b.labels.map((_, i) => {
      const k =
        i < regular ? i : b.missing && i === regular ? KEY_MISSING : keyOfSpecial(i - regular - (b.missing ? 1 : 0))
      return `WHEN ${k} THEN ${i}`
    })
    // layered subqueries: each CASE reads the column computed below it, never a copy of its
    // expression (nested simple CASEs would repeat the key expression once per WHEN)
    const id = `CASE k ${ids.join(' ')} ELSE -1 END`
    const label = `CASE bin_id ${b.labels.map((l, i) => `WHEN ${i} THEN ${text(l)}`).join(' ')} ELSE '(unmatched)' END`
    const keyed = `SELECT ${key} AS k, ${cls} AS class FROM ${source} AS src`
    const withId = `SELECT ${id} AS bin_id, class FROM (${keyed}) AS keyed`
    parts.push(
      `SELECT ${text(b.feature)} AS feature, bin_id, ${label} AS bin, class, 1 AS n, ${p} AS p FROM (${withId}) AS with_id`,
    )
    // zero rows, so that every bin of every class appears even when empty
    for (const [i, l] of [...b.labels.entries(), [-1, '(unmatched)'] as const])
      for (const c of classes) parts.push(`SELECT ${text(b.feature)}, ${i}, ${text(l)}, ${text(c)}, 0, ${p}`)
  }
  return [
    `-- the counts table: feature, bin_id, bin, class, count (save as CSV for credit bin/psi --from-counts)`,
    `SELECT feature, bin_id, bin, class, SUM(n) AS count FROM (`,
    parts.join('\nUNION ALL\n'),
    `) AS rows_by_bin GROUP BY feature, bin_id, bin, class ORDER BY MIN(p), bin_id, class`,
  ].join('\n')
}
