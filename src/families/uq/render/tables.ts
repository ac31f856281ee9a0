/** Terminal renderings of the uq reports (score rows, evaluation metrics, TSU). */
import {formatNumber, renderTable, style} from '../../../core/terminal/terminal.js'

interface ScoreRowView {
  id: string
  temperature: number
  [k: string]: number | string | null | undefined
}

const shownScoreColumns = [
  'inv_entropy',
  'ni_entropy',
  'nr_inv_entropy',
  'wd_px_py',
  'max_py_given_x',
  'max_py',
  'degmat',
  'eigv',
] as const
const maxRows = 25

export function renderUqScores(r: {items: number; rows: ScoreRowView[]; skipped: {count: number}}): string {
  const cols = shownScoreColumns.filter((c) => r.rows.some((row) => row[c] !== undefined))
  const body = r.rows
    .slice(0, maxRows)
    .map((row) => [row.id, row.temperature, ...cols.map((c) => (row[c] ?? null) as number | null)])
  const lines = [renderTable(['id', 'T', ...cols], body)]
  if (r.rows.length > maxRows)
    lines.push(style.dim(`… ${r.rows.length - maxRows} more rows (all rows and baselines: --json or --out FILE)`))
  lines.push(
    `${r.items} item(s), ${r.rows.length} row(s)${r.skipped.count > 0 ? style.yellow(`, ${r.skipped.count} malformed line(s) skipped`) : ''}`,
  )
  return lines.join('\n')
}

interface Summary {
  mean: number | null
  std: number | null
}
interface EvaluationView {
  measure: string
  items: number
  auroc: number | null
  prr: number | null
  ap: number | null
  brier: number | null
  bootstrap: {auroc: Summary; prr: Summary; ap: Summary; brier: Summary}
}

const pm = (s: Summary): string => (s.mean === null ? '-' : `${formatNumber(s.mean, 3)} ± ${formatNumber(s.std, 3)}`)

export function renderUqEvaluation(r: {items: number; resamples: number; measures: EvaluationView[]}): string {
  const body = r.measures.map((m) => [
    m.measure,
    m.items,
    m.auroc,
    pm(m.bootstrap.auroc),
    m.prr,
    m.ap,
    m.brier,
    pm(m.bootstrap.brier),
  ])
  return [
    renderTable(
      ['measure', 'items', 'AUROC', `AUROC boot`, 'PRR', 'AP ("PRR" in code)', 'Brier (iso, in-sample)', 'Brier boot'],
      body,
    ),
    `${r.items} labelled item(s); bootstrap: ${r.resamples} resamples (mean ± std); confidence = −uncertainty`,
  ].join('\n')
}

interface TsuView {
  measure: string
  all: {temperatures: readonly number[]; tsu: number | null; items: number}
  pairs: {temperatures: readonly number[]; tsu: number | null; items: number}[]
}

export function renderUqTsu(r: {temperatures: number[]; measures: TsuView[]}): string {
  const pairHeads = r.measures[0]?.pairs.map((p) => `(${p.temperatures.join(', ')})`) ?? []
  const body = r.measures.map((m) => [m.measure, m.all.tsu, m.all.items, ...m.pairs.map((p) => p.tsu)])
  return [
    renderTable(['measure', `TSU ${r.temperatures.join('<')} %`, 'items', ...pairHeads.map((h) => `${h} %`)], body),
    'TSU: share of items whose uncertainty strictly increases with temperature (ties fail).',
  ].join('\n')
}
