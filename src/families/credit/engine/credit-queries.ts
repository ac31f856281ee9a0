/**
 * The SQL that counts credit data in its own engine, as text: per-column cell rules (missing
 * tokens, decimal literals, special values) exactly as ../kernels/cell-value.ts reads cells, the
 * order-statistics query behind the type-7 quantile cut points (the same ranks as
 * ../kernels/quantile-binning.ts, so no engine quantile function is trusted), and one GROUP BY
 * GROUPING SETS query counting every feature's bins by class in a single scan. Dialects differ
 * only in a few expressions; duckdb and postgres run live in the tests, spark and bigquery are
 * generated only.
 */
import {MISSING_TOKENS} from '../kernels/cell-value.js'
import type {FeatureBinning} from '../kernels/feature-binning.js'

export type Dialect = 'duckdb' | 'postgres' | 'spark' | 'bigquery'

/** The decimal literal of cell-value.ts (after trimming). */
const DECIMAL = '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$'

export function ident(name: string, d: Dialect): string {
  return d === 'spark' || d === 'bigquery' ? `\`${name.replaceAll('`', '``')}\`` : `"${name.replaceAll('"', '""')}"`
}

export function text(value: string): string {
  return `'${value.replaceAll("'", "''")}'`
}

function double(d: Dialect): string {
  return d === 'postgres' ? 'double precision' : d === 'bigquery' ? 'FLOAT64' : 'DOUBLE'
}

function varchar(d: Dialect): string {
  return d === 'postgres' ? 'text' : d === 'bigquery' || d === 'spark' ? 'STRING' : 'VARCHAR'
}

/** A double literal read by the engine's correctly rounded string → double conversion. */
export function real(x: number, d: Dialect): string {
  return `CAST(${text(String(x))} AS ${double(d)})`
}

function matches(e: string, d: Dialect): string {
  if (d === 'postgres') return `${e} ~ ${text(DECIMAL)}`
  if (d === 'spark') return `${e} RLIKE ${text(DECIMAL)}`
  if (d === 'bigquery') return `REGEXP_CONTAINS(${e}, r${text(DECIMAL)})`
  return `regexp_full_match(${e}, ${text(DECIMAL)})`
}

/** How a column is stored: text (CSV, text tables) or a number type (Parquet, typed tables). */
export interface SqlColumn {
  readonly name: string
  readonly numericType: boolean
}

/** The SQL expressions of one column's cell rules. */
export interface CellSql {
  /** The cell as text (categorical level). */
  readonly cell: string
  readonly missing: string
  /** The cell's number, NULL when it is not a decimal literal (or is missing). */
  readonly number: string
  /** Whether the cell is special value `s` (text match, and for numeric columns numeric match). */
  special(s: string, numeric: boolean): string
}

export function cellSql(c: SqlColumn, d: Dialect): CellSql {
  const col = ident(c.name, d)
  if (c.numericType) {
    const nan = d === 'postgres' ? `${col} = CAST('NaN' AS double precision)` : `isnan(${col})`
    const asText = `CAST(${col} AS ${varchar(d)})`
    return {
      cell: asText,
      missing: `(${col} IS NULL OR ${nan})`,
      number: `CAST(${col} AS ${double(d)})`,
      special: (s) =>
        Number.isNaN(Number(s.trim())) ? 'FALSE' : `CAST(${col} AS ${double(d)}) = ${real(Number(s), d)}`,
    }
  }
  // as text even when stored otherwise (booleans, dates): the streaming reader sees text too
  const t = `TRIM(CAST(${col} AS ${varchar(d)}))`
  const isNumber = /^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/
  return {
    cell: `CAST(${col} AS ${varchar(d)})`,
    missing: `(${col} IS NULL OR ${t} IN (${MISSING_TOKENS.map(text).join(', ')}))`,
    number: `(CASE WHEN ${matches(t, d)} THEN CAST(${t} AS ${double(d)}) END)`,
    special: (s, numeric) =>
      // COALESCE: a text cell has no number, and NULL must not turn NOT (…) into NULL
      numeric && isNumber.test(s.trim())
        ? `COALESCE(${t} = ${text(s.trim())} OR (CASE WHEN ${matches(t, d)} THEN CAST(${t} AS ${double(d)}) END) = ${real(Number(s), d)}, FALSE)`
        : `COALESCE(${t} = ${text(s.trim())}, FALSE)`,
  }
}

/** A feature as the counting query sees it: fitted bins, or levels still to be found (fit). */
export type KeyedFeature =
  | {readonly kind: 'bins'; readonly column: SqlColumn; readonly binning: FeatureBinning}
  | {readonly kind: 'levels'; readonly column: SqlColumn; readonly special: readonly string[]}
  | {
      readonly kind: 'ranges'
      readonly column: SqlColumn
      readonly edges: readonly number[]
      readonly special: readonly string[]
    }

/** Integer bin keys (cheaper to group than text): bin index ≥ 0, and these codes. */
export const KEY_UNMATCHED = -1
export const KEY_MISSING = -2
/** Special value i has key −10 − i. */
export const keyOfSpecial = (i: number) => -10 - i

/**
 * The bin key of a row for one feature. Fitted bins and ranges: an integer (bin index, or the codes
 * above). Levels still to be found (fit): text, 'M' missing, 'S<i>' special i, 'L<level>' a level.
 * Precedence as ../kernels/feature-binning.ts.
 */
export function binKeySql(f: KeyedFeature, d: Dialect): string {
  const s = cellSql(f.column, d)
  const numeric = f.kind === 'ranges' || (f.kind === 'bins' && f.binning.type === 'numeric')
  const special = f.kind === 'bins' ? f.binning.special : f.special
  if (f.kind === 'levels') {
    const whens = [`WHEN ${s.missing} THEN 'M'`, ...special.map((x, i) => `WHEN ${s.special(x, false)} THEN 'S${i}'`)]
    return `(CASE ${whens.join(' ')} ELSE CONCAT('L', ${s.cell}) END)`
  }
  const whens = [
    `WHEN ${s.missing} THEN ${KEY_MISSING}`,
    ...special.map((x, i) => `WHEN ${s.special(x, numeric)} THEN ${keyOfSpecial(i)}`),
  ]
  if (f.kind === 'bins' && f.binning.type === 'categorical') {
    // fitted levels are never missing or special, so testing them first changes nothing
    const levels = f.binning.groups.map((g, i) => `WHEN ${s.cell} IN (${g.map(text).join(', ')}) THEN ${i}`)
    return `(CASE ${levels.join(' ')} ${whens.join(' ')} ELSE ${KEY_UNMATCHED} END)`
  }
  const edges = f.kind === 'ranges' ? f.edges : (f.binning as {edges: readonly number[]}).edges
  const op = f.kind === 'ranges' || (f.binning as {closed: string}).closed === 'right' ? '<=' : '<'
  const ranges = edges.map((e, i) => `WHEN ${s.number} ${op} ${real(e, d)} THEN ${i}`)
  return `(CASE ${whens.join(' ')} WHEN ${s.number} IS NULL THEN ${KEY_UNMATCHED} ${ranges.join(' ')} ELSE ${edges.length} END)`
}

/** Counts per (feature, bin key, class) in one scan: GROUP BY GROUPING SETS ((k_j, cls), …). */
export function countsSql(source: string, features: readonly KeyedFeature[], classSql: string, d: Dialect): string {
  const keys = features.map((f, j) => `${binKeySql(f, d)} AS k${j}`)
  const sets = features.map((_, j) => `(k${j}, cls)`).join(', ')
  return [
    `SELECT ${features.map((_, j) => `k${j}`).join(', ')}, cls, COUNT(*) AS n`,
    `FROM (SELECT ${[...keys, `${classSql} AS cls`].join(',\n  ')} FROM ${source} AS src) AS keyed`,
    `GROUP BY GROUPING SETS (${sets})`,
  ].join('\n')
}

/** 1 for the bad class, 0 otherwise (the target's trimmed text against the bad label). */
export function classSql(target: SqlColumn | null, badLabel: string, d: Dialect): string {
  if (!target) return '0'
  const col = ident(target.name, d)
  const t = target.numericType ? `CAST(${col} AS ${varchar(d)})` : `TRIM(${col})`
  return `(CASE WHEN ${t} = ${text(badLabel)} THEN 1 ELSE 0 END)`
}

/**
 * The order statistics of several numeric columns in one scan: the distinct values of each column
 * by GROUP BY GROUPING SETS, their cumulative counts per column, joined to each column's wanted
 * ranks. Rows (j, r, x): column j's value at 0-based rank r.
 */
export function orderStatisticsAllSql(
  source: string,
  wanted: readonly {readonly column: SqlColumn; readonly ranks: readonly number[]}[],
  specials: readonly string[],
  d: Dialect,
): string {
  const xs = wanted.map(({column}, j) => {
    const s = cellSql(column, d)
    const notSpecial = specials.length ? ` AND NOT (${specials.map((x) => s.special(x, true)).join(' OR ')})` : ''
    return `CASE WHEN NOT ${s.missing}${notSpecial} THEN ${s.number} END AS x${j}`
  })
  const which = wanted.map((_, j) => `WHEN GROUPING(x${j}) = 0 THEN ${j}`).join(' ')
  const ranks = wanted.flatMap(({ranks: rs}, j) => rs.map((r) => `SELECT ${j} AS j, ${r} AS r`))
  return [
    `WITH v AS (SELECT ${xs.join(',\n  ')} FROM ${source} AS src),`,
    `d AS (SELECT CASE ${which} END AS j, COALESCE(${wanted.map((_, j) => `x${j}`).join(', ')}) AS x, COUNT(*) AS c FROM v GROUP BY GROUPING SETS (${wanted.map((_, j) => `(x${j})`).join(', ')})),`,
    `w AS (SELECT j, x, c, SUM(c) OVER (PARTITION BY j ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS hi FROM d WHERE x IS NOT NULL)`,
    `SELECT r.j AS j, r.r AS r, w.x AS x FROM w JOIN (${ranks.join(' UNION ALL ')}) AS r ON r.j = w.j AND r.r >= w.hi - w.c AND r.r < w.hi`,
  ].join('\n')
}
