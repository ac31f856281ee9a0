/**
 * Counting credit data in a SQL engine, dialect-neutral: resolve the columns, decode the target
 * as `credit bin` does (./target-classes.ts on the distinct target values), find each feature's
 * type and quantile cut points (order statistics in SQL, interpolated here with numpy's lerp),
 * then count every bin by class in one GROUP BY GROUPING SETS scan. The result is a counts table;
 * categorical features go through the in-process fitBinning on their exact level counts, so
 * levels, Missing and special bins follow the same rules as the streaming path.
 */
import {InputError} from '../../../core/errors.js'
import type {BinResult} from '../kernels/bin-features.js'
import {compareText, type ColumnProfile} from '../kernels/column-profile.js'
import type {CountsTable, FeatureCounts} from '../kernels/counts-table.js'
import {rangeLabels, type FeatureBinning} from '../kernels/feature-binning.js'
import {fitBinning} from '../kernels/fit-binning.js'
import {TargetClasses} from '../kernels/target-classes.js'
import {selectFeatures} from '../io/profile-table.js'
import {
  cellSql,
  classSql,
  countsSql,
  ident,
  KEY_MISSING,
  KEY_UNMATCHED,
  type Dialect,
  type KeyedFeature,
  type SqlColumn,
} from './credit-queries.js'
import type {QuantileFit} from './sql-engine.js'
import {quantileEdgesSql} from './sql-quantile-edges.js'

type Row = Record<string, unknown>

export interface SqlRunner {
  readonly dialect: Dialect
  readonly engine: string
  run(sql: string): Promise<Row[]>
  /** The relation to select from (a file reader, a table, or a parenthesised query). */
  relation(source: string): string
  columns(source: string): Promise<SqlColumn[]>
}

const num = (v: unknown) => (typeof v === 'bigint' ? Number(v) : Number(v))

async function decodeTarget(r: SqlRunner, source: string, target: SqlColumn, bad?: string) {
  const t = target.numericType ? cellSql(target, r.dialect).cell : `TRIM(${ident(target.name, r.dialect)})`
  const rows = await r.run(`SELECT ${t} AS v, COUNT(*) AS n FROM ${r.relation(source)} AS src GROUP BY 1 ORDER BY 1`)
  if (rows.length === 0) throw new InputError('no rows', {file: source, field: target.name})
  const classes = new TargetClasses(source, target.name, bad)
  for (const row of rows) classes.slot(row.v === null ? '' : String(row.v), 0)
  return classes.labels()
}

function column(cols: readonly SqlColumn[], source: string, name: string, role: string): SqlColumn {
  const c = cols.find((x) => x.name === name)
  if (!c) throw new InputError(`${role} column not found`, {file: source, field: name})
  return c
}

/** Integer keys (./credit-queries.ts binKeySql) in the text form the assembly below reads. */
function textKey(k: unknown): string {
  if (typeof k === 'string') return k
  const n = num(k)
  if (n === KEY_MISSING) return 'M'
  if (n === KEY_UNMATCHED) return 'U'
  return n <= -10 ? `S${-10 - n}` : String(n)
}

/** Runs the counting query and splits its rows per feature: key → [good, bad]. */
async function countKeys(r: SqlRunner, source: string, features: readonly KeyedFeature[], cls: string) {
  const rows = await r.run(countsSql(r.relation(source), features, cls, r.dialect))
  const out = features.map(() => new Map<string, [number, number]>())
  for (const row of rows) {
    const j = features.findIndex((_, k) => row[`k${k}`] !== null && row[`k${k}`] !== undefined)
    if (j < 0) continue
    const key = textKey(row[`k${j}`])
    const cell = out[j].get(key) ?? [0, 0]
    cell[num(row.cls) === 1 ? 1 : 0] += num(row.n)
    out[j].set(key, cell)
  }
  return out
}

export async function fitQuantileSql(r: SqlRunner, source: string, fit: QuantileFit): Promise<CountsTable> {
  const cols = await r.columns(source)
  const target = column(cols, source, fit.select.target, 'target')
  const names = selectFeatures(
    source,
    cols.map((c) => c.name),
    target.name,
    fit.select.features,
    fit.select.exclude,
  )
  const labels = await decodeTarget(r, source, target, fit.select.bad)
  const special = [...new Set(fit.select.special.map((s) => s.trim()))].sort(compareText)
  const features = names.map((n) => column(cols, source, n, 'feature'))
  // one scan: per feature, cells that are no number (text columns) and the count of numbers
  const probe = features.flatMap((c, j) => {
    const s = cellSql(c, r.dialect)
    const notSpecial = special.length ? ` AND NOT (${special.map((x) => s.special(x, true)).join(' OR ')})` : ''
    return [
      `SUM(CASE WHEN NOT ${s.missing}${notSpecial} AND ${s.number} IS NULL THEN 1 ELSE 0 END) AS o${j}`,
      `SUM(CASE WHEN NOT ${s.missing}${notSpecial} AND ${s.number} IS NOT NULL THEN 1 ELSE 0 END) AS n${j}`,
    ]
  })
  const [p] = await r.run(`SELECT ${probe.join(',\n  ')} FROM ${r.relation(source)} AS src`)
  const numeric = features.map(
    (c, j) => !fit.select.categorical.includes(c.name) && (c.numericType || num(p[`o${j}`]) === 0),
  )
  const numericColumns = features.flatMap((c, j) => (numeric[j] ? [{column: c, n: num(p[`n${j}`]), j}] : []))
  const edges = await quantileEdgesSql(r, source, numericColumns, special, fit.maxBins)
  const edgesOf = new Map(numericColumns.map((c, i) => [c.j, edges[i]]))
  const keyed: KeyedFeature[] = features.map((c, j) =>
    numeric[j] ? {kind: 'ranges', column: c, special, edges: edgesOf.get(j)!} : {kind: 'levels', column: c, special},
  )
  const counts = await countKeys(r, source, keyed, classSql(target, labels.bad, r.dialect))
  return {
    target: target.name,
    good_label: labels.good,
    bad_label: labels.bad,
    method: 'quantile',
    engine: r.engine,
    classes: true,
    features: keyed.map((k, j) => fittedCounts(k, counts[j], special, fit.maxBins)),
  }
}

function fittedCounts(
  k: KeyedFeature,
  keys: Map<string, [number, number]>,
  special: readonly string[],
  maxBins: number,
): FeatureCounts {
  const name = k.column.name
  const get = (key: string) => keys.get(key) ?? [0, 0]
  const specials = new Map(special.map((s, i) => [s, get(`S${i}`)] as const).filter(([, c]) => c[0] + c[1] > 0))
  const missing = get('M') as [number, number]
  if (k.kind === 'levels') {
    const levels = [...keys.keys()]
      .filter((x) => x.startsWith('L'))
      .map((x) => x.slice(1))
      .sort(compareText)
    const profile: ColumnProfile = {
      name,
      type: 'categorical',
      values: levels,
      goods: Float64Array.from(levels, (l) => get(`L${l}`)[0]),
      bads: Float64Array.from(levels, (l) => get(`L${l}`)[1]),
      missing,
      special: specials,
      precisionBits: null,
      overLevelCap: false, // the SQL path counts every level (--max-levels applies to the in-process profile)
    }
    const f = fitBinning(profile, {method: 'quantile', maxBins, minBinSize: 0, monotonic: 'none', chiAlpha: 0.05})
    return {binning: f.binning, goods: f.goods, bads: f.bads, unmatched: [0, 0]}
  }
  const edges = k.kind === 'ranges' ? k.edges : []
  const regular = edges.map((_, i) => get(String(i))).concat([get(String(edges.length))])
  const hasMissing = missing[0] + missing[1] > 0
  const extra = [...(hasMissing ? [missing] : []), ...specials.values()]
  const binning: FeatureBinning = {
    feature: name,
    method: 'quantile',
    missing: hasMissing,
    special: [...specials.keys()],
    labels: [
      ...rangeLabels([...edges], 'right'),
      ...(hasMissing ? ['Missing'] : []),
      ...[...specials.keys()].map((s) => `Special ${s}`),
    ],
    type: 'numeric',
    closed: 'right',
    edges: [...edges],
  }
  const all = [...regular, ...extra]
  return {
    binning,
    goods: Float64Array.from(all, (c) => c[0]),
    bads: Float64Array.from(all, (c) => c[1]),
    unmatched: get('U') as [number, number],
  }
}

export async function countInBinsSql(
  r: SqlRunner,
  source: string,
  bins: BinResult,
  targetName: string | null,
): Promise<CountsTable> {
  const cols = await r.columns(source)
  const binnings = bins.features.map((f) => f.binning as FeatureBinning)
  const keyed: KeyedFeature[] = binnings.map((b) => ({
    kind: 'bins',
    column: column(cols, source, b.feature, 'feature'),
    binning: b,
  }))
  const target = targetName === null ? undefined : cols.find((c) => c.name === targetName)
  const labels = target
    ? await decodeTarget(r, source, target, bins.bad_label)
    : {good: bins.good_label, bad: bins.bad_label}
  const counts = await countKeys(r, source, keyed, classSql(target ?? null, labels.bad, r.dialect))
  return {
    target: target ? target.name : null,
    good_label: labels.good,
    bad_label: labels.bad,
    method: bins.method,
    engine: r.engine,
    classes: target !== undefined,
    features: binnings.map((b, j): FeatureCounts => {
      const regular = b.type === 'numeric' ? b.edges.length + 1 : b.groups.length
      const goods = new Float64Array(b.labels.length)
      const bads = new Float64Array(b.labels.length)
      const unmatched: [number, number] = [0, 0]
      for (const [key, [g, bd]] of counts[j]) {
        let i = -1
        if (key === 'M') i = b.missing ? regular : -1
        else if (key.startsWith('S')) i = regular + (b.missing ? 1 : 0) + Number(key.slice(1))
        else if (key !== 'U') i = Number(key)
        if (i < 0) {
          unmatched[0] += g
          unmatched[1] += bd
        } else {
          goods[i] += g
          bads[i] += bd
        }
      }
      return {binning: b, goods, bads, unmatched}
    }),
  }
}
