/**
 * Terminal rendering of a spectral report: one row per layer, worst first (failed fits, then by distance of α
 * from the HTSR band [2, 6]), warnings coloured, names shortened by their common prefix and the `.weight`
 * suffix, then one summary line and the model means. The table fits the terminal as every table does
 * (core/terminal): a long name wraps, it is never cut (cut names of two layers could read the same).
 */
import type {Report} from '../../../core/report/envelope.js'
import {formatNumber, renderKeyValues, renderTable, style} from '../../../core/terminal/terminal.js'
import type {SpectralReportResult} from '../schema.js'
import {layersAtTplBound} from '../pipeline/tpl-bound-warning.js'

/** Rows shown in the terminal; the rest are counted (the report has every layer). Keeps output linear and short. */
export const MAX_TERMINAL_ROWS = 40

/**
 * Signed distance of α to the nearest bound of the HTSR "well-trained" band [2, 6]: positive outside the band,
 * negative inside (closer to a bound is worse); failed fits first.
 */
export function badness(alpha: number | null): number {
  if (alpha === null) return Infinity
  return alpha < 2 ? 2 - alpha : alpha > 6 ? alpha - 6 : -Math.min(alpha - 2, 6 - alpha)
}

/** The longest common dotted prefix of the names (kept when only one name). */
function commonPrefix(names: readonly string[]): string {
  if (names.length < 2) return ''
  const parts = names.map((n) => n.split('.'))
  let k = 0
  while (parts.every((p) => k < p.length - 1 && p[k] === parts[0][k])) k++
  return k === 0 ? '' : `${parts[0].slice(0, k).join('.')}.`
}

/** A number to `digits` significant-ish places, right-aligned by padding (cells are strings). */
function num(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined) return '-'
  return Math.abs(value) >= 100 ? formatNumber(value, 1).replace(/\.0$/, '') : formatNumber(value, digits)
}

type Row = SpectralReportResult['layers'][number]

function statusCell(l: Row): string {
  if (l.status === 'failed') return style.red('failed')
  if (layersAtTplBound([l]).length > 0) return style.magenta('bound') // α = 1 is TPL's search edge, not a value
  if (l.warning === 'under-trained') return style.yellow('under')
  if (l.warning === 'over-trained') return style.magenta('over')
  return style.green('ok')
}

export function renderSpectral(report: Report<SpectralReportResult>): string {
  const r = report.result
  const sorted = [...r.layers].sort((a, b) => badness(b.alpha) - badness(a.alpha))
  const rows = sorted.slice(0, MAX_TERMINAL_ROWS)
  const hidden = sorted.length - rows.length
  const prefix = commonPrefix(rows.map((l) => l.name))
  const label = (l: Row) => l.name.slice(prefix.length).replace(/\.weight$/, '')
  const head = ['layer', 'N×M', 'α', 'α̂', 'D', 'xmin', 'spikes', 'gap', 'status']
  const cells = rows.map((l) => [
    `${l.N}×${l.M}${l.rf > 1 ? `×${l.rf}` : ''}`,
    num(l.alpha),
    num(l.alpha_weighted),
    num(l.D),
    num(l.xmin),
    l.num_pl_spikes === null ? '-' : String(l.num_pl_spikes),
    num(l.setol_gap),
    statusCell(l),
  ])
  const widths = head.slice(1).map((h, c) => Math.max(h.length, ...cells.map((row) => (c === 7 ? 6 : row[c].length))))
  const pad = (row: string[]) => row.map((v, c) => (c === 7 ? v : v.padStart(widths[c])))
  const table = renderTable(
    head,
    rows.map((l, i) => [label(l), ...pad(cells[i])]),
  )
  const counts = r.summary.counts
  const ok = counts.ok - counts.under_trained - counts.over_trained
  const line = [
    `${r.layers.length} layers: ${style.green(`${ok} ok`)}, ${style.yellow(`${counts.under_trained} under-trained (α>6)`)}, ${style.magenta(`${counts.over_trained} over-trained (α<2)`)}, ${counts.failed > 0 ? style.red(`${counts.failed} failed`) : '0 failed'}`,
    `${r.skipped.length} skipped${r.skipped.length > 0 ? ' (reasons: --json)' : ''}`,
  ].join('; ')
  const m = r.summary.means
  const pairs: [string, string][] = [
    ['mean α / α̂ (median α)', `${num(m.alpha)} / ${num(m.alpha_weighted)} (${num(r.summary.medians.alpha)})`],
    ['mean log_norm / log_spectral_norm', `${num(m.log_norm)} / ${num(m.log_spectral_norm)}`],
    ['mean stable_rank', num(m.stable_rank)],
  ]
  if (m.mp_softrank !== undefined) pairs.push(['mean mp_softrank', num(m.mp_softrank)])
  if (r.cache) pairs.push(['eigen-solves', `${r.cache.solved} solved, ${r.cache.cached} from the spectra cache`])
  if (r.gate)
    pairs.push([
      '--fail-on',
      r.gate.failed.length > 0
        ? style.red(`${r.gate.failed.length} layer(s) match '${r.gate.expression}'`)
        : style.green('passed'),
    ])
  const traps = r.layers.filter((l) => (l.rand_num_spikes ?? 0) > 0)
  if (r.layers.some((l) => l.rand_num_spikes !== undefined))
    pairs.push(['correlation traps (--randomize)', trapSummary(traps)])
  const more = hidden > 0 ? `${hidden} more layer(s) not shown (all in --json / --out); ` : ''
  const legend = style.dim(
    `${more}worst first: failed fits, then by distance of α to the nearest bound of [2, 6]; ` +
      `${prefix ? `names without '${prefix}', '.weight'; ` : ''}gap = xmin − detX_val (SETOL)` +
      (rows.some((l) => layersAtTplBound([l]).length > 0) ? '; bound: TPL α stopped at its bound α = 1' : ''),
  )
  const warnings = (report.warnings ?? []).map((w) => style.yellow(`warning: ${w}`))
  return [table, legend, line, renderKeyValues(pairs), ...warnings].join('\n')
}

/** Layers whose element-wise shuffle still has spikes (rand_num_spikes > 0): count and the worst few by name. */
function trapSummary(traps: readonly Row[]): string {
  if (traps.length === 0) return 'none'
  const worst = [...traps].sort((a, b) => (b.rand_num_spikes ?? 0) - (a.rand_num_spikes ?? 0)).slice(0, 3)
  const names = worst.map((l) => `${l.name.replace(/\.weight$/, '')} (${l.rand_num_spikes})`).join(', ')
  return `${traps.length} layer(s): ${names}${traps.length > 3 ? ', …' : ''}`
}
