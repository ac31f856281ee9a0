/**
 * Terminal rendering of quantization damage (`spectral diff` on two checkpoints): the most damaged layers
 * first (ranked by relative Frobenius error), the unmatched tensors with their reason, the gate and the plan.
 */
import {renderKeyValues, renderTable} from '../../../core/terminal/terminal.js'
import type {DamageResult} from '../pipeline/damage-report.js'
import {MAX_TERMINAL_ROWS} from './table.js'

const show = (v: number | null) => (v === null ? '—' : Number(v.toPrecision(4)))

export function renderDamage(r: DamageResult): string {
  const d = r.damage
  const rows = d.layers
    .slice(0, MAX_TERMINAL_ROWS)
    .map((l) => [
      l.rank,
      l.name,
      show(l.rel_frobenius),
      show(l.rel_spectral_error),
      show(l.top_shift_max),
      show(l.delta_alpha),
      show(l.delta_kappa),
    ])
  const hidden = d.layers.length - rows.length
  const table =
    renderTable(['#', 'layer', '‖B−A‖F/‖A‖F', '‖B−A‖₂/‖A‖₂', `top-${d.topK} shift`, 'Δα', 'Δκ'], rows) +
    (hidden > 0 ? `\n${hidden} more layer(s) (all in --json / --out)` : '')
  const unmatched = d.unmatched.slice(0, MAX_TERMINAL_ROWS).map((u) => [u.side, u.name, u.reason])
  const parts = [table]
  if (unmatched.length > 0) parts.push(renderTable(['only in', 'tensor', 'reason'], unmatched))
  parts.push(
    renderKeyValues([
      ['A', `${r.a} (${d.formats.a})`],
      ['B', `${r.b} (${d.formats.b})`],
      ['layers compared', d.layers.length],
      ['ranked by', d.ranking],
      ['unmatched', d.unmatched.length],
      ...(d.gate ? [['--fail-on', `${d.gate.expression}: ${d.gate.failed.length} layer(s)`] as const] : []),
      ...(d.keep
        ? [['keep at ' + d.keep.rule.type, d.keep.layers.map((k) => k.gguf ?? k.name).join(', ') || 'none'] as const]
        : []),
    ]),
  )
  return parts.join('\n')
}
