/** Terminal rendering of a spectral report: one row per layer, worst first, warnings coloured. */
import type {Report} from '../envelope.js'
import {formatNumber, renderKeyValues, renderTable, style} from '../terminal.js'
import type {SpectralReportResult} from './report-types.js'

/** Distance of α from the HTSR "well-trained" band [2, 6]; failed fits first. */
function badness(alpha: number | null): number {
  if (alpha === null) return Infinity
  return alpha < 2 ? 2 - alpha : alpha > 6 ? alpha - 6 : -Math.abs(alpha - 4)
}

export function renderSpectral(report: Report<SpectralReportResult>): string {
  const r = report.result
  const rows = [...r.layers].sort((a, b) => badness(b.alpha) - badness(a.alpha))
  const label = (l: (typeof rows)[number]) =>
    l.status === 'failed' ? style.red('failed') : l.warning === 'under-trained' ? style.yellow(l.warning) : l.warning === 'over-trained' ? style.magenta(l.warning) : style.green('ok')
  const table = renderTable(
    ['layer', 'N×M', 'α', 'α̂', 'D', 'xmin', 'λmax', 'spikes', 'stable rank', 'detX gap', 'status'],
    rows.map((l) => [l.name, `${l.N}×${l.M}${l.rf > 1 ? `×${l.rf}` : ''}`, l.alpha, l.alpha_weighted, l.D, l.xmin, l.lambda_max, l.num_pl_spikes, l.stable_rank, l.setol_gap, label(l)]),
  )
  const m = r.summary.means
  const summary = renderKeyValues([
    ['layers', `${r.summary.counts.ok} ok, ${r.summary.counts.failed} failed, ${r.skipped.length} tensors skipped`],
    ['warnings', `${r.summary.counts.under_trained} under-trained (α>6), ${r.summary.counts.over_trained} over-trained (α<2)`],
    ['mean α / α̂', `${formatNumber(m.alpha)} / ${formatNumber(m.alpha_weighted)}`],
    ['mean log_norm / log_spectral_norm', `${formatNumber(m.log_norm)} / ${formatNumber(m.log_spectral_norm)}`],
    ['mean stable_rank', formatNumber(m.stable_rank)],
    ...(r.gate ? [['--fail-on', r.gate.failed.length > 0 ? style.red(`${r.gate.failed.length} layer(s) match '${r.gate.expression}'`) : style.green('passed')] as [string, string]] : []),
  ])
  return `${table}\n${summary}`
}
