/**
 * The terminal view of a KappaTune plan: budget and share of parameters
 * trained, the selected tensors and the most-frozen ones with κ_MP beside κ
 * (raw κ favours thin matrices, spec kappa.md §2.7), and a per-type count.
 */
import type {KappaPlan, TensorRecord} from '../kernels/build-plan.js'
import type {KappaComparison} from '../compare.js'
import {decodeNumber} from '../kernels/json-number.js'
import {formatNumber, renderKeyValues, renderTable, style} from '../../../core/terminal/terminal.js'

const LIST_LIMIT = 20

export function renderPlanSummary(plan: KappaPlan, model: string, compare?: KappaComparison): string {
  const s = plan.selection
  const ranked = plan.tensors
    .filter((t) => t.rank_position !== null)
    .sort((a, b) => (a.rank_position ?? 0) - (b.rank_position ?? 0))
  const selected = ranked.filter((t) => t.selected)
  const frozen = ranked
    .filter((t) => !t.selected)
    .reverse()
    .slice(0, 10)
  const budget = `${plan.budget.mode} ${formatNumber(plan.budget.value)}${plan.budget.per_type ? ' per layer type' : ' (linear modules and MoE parameters separately)'}`
  const parts = [
    renderKeyValues([
      ['model', model],
      ['budget', budget],
      ['candidates', `${s.candidates} (${plan.skipped.length} tensors skipped)`],
      ['selected', `${s.selected}: ${s.target_modules.length} modules, ${s.target_parameters.length} MoE parameters`],
      [
        'parameters trained',
        `${s.trainable_params} of ${s.total_params} (${(100 * s.trainable_fraction).toFixed(3)} %)`,
      ],
    ]),
    style.bold(
      `selected (lowest kappa first${selected.length > LIST_LIMIT ? `, first ${LIST_LIMIT} of ${selected.length}` : ''})`,
    ),
    tensorTable(selected.slice(0, LIST_LIMIT)),
    style.bold('most frozen (highest kappa)'),
    tensorTable(frozen),
    renderTable(
      ['layer type', 'candidates', 'selected'],
      s.per_type.map((p) => [p.type, p.candidates, p.selected]),
    ),
    ...(compare ? compareLines(compare) : []),
  ]
  return parts.join('\n')
}

/** --compare B: the candidates whose κ moved most (by |Δκ|/κ(A)), and how many had no κ in B. */
function compareLines(c: KappaComparison): string[] {
  const moved = [...c.tensors]
    .filter((t) => t.delta_kappa !== null && t.kappa_a !== null)
    .sort((x, y) => Math.abs(y.delta_kappa! / y.kappa_a!) - Math.abs(x.delta_kappa! / x.kappa_a!))
    .slice(0, LIST_LIMIT)
  return [
    style.bold(`κ against ${c.path} (moved most first; ${c.unmatched.length} candidate(s) not in B)`),
    renderTable(
      ['tensor', 'κ (A)', 'κ (B)', 'Δκ'],
      moved.map((t) => [
        t.name,
        formatNumber(t.kappa_a!),
        formatNumber(t.kappa_b ?? Number.NaN),
        formatNumber(t.delta_kappa!),
      ]),
    ),
  ]
}

function tensorTable(rows: readonly TensorRecord[]): string {
  if (rows.length === 0) return '(none)'
  return renderTable(
    ['rank', 'tensor', 'shape', 'kappa', 'kappa_mp', 'log-volume gap/dim'],
    rows.map((t) => [
      t.rank_position ?? '-',
      t.kind === 'moe-parameter' ? `${t.name} (mean of ${t.experts} experts)` : t.module,
      t.shape.join('x'),
      kappaCell(decodeNumber(t.kappa)),
      kappaCell(decodeNumber(t.kappa_mp)),
      kappaCell(decodeNumber(t.log_volume_gap_per_dim)),
    ]),
  )
}

/**
 * One format for a whole column: 4 decimals even for whole numbers (κ_MP of a 4:1 shape is exactly 3), an exponent
 * beyond 1e6, and 'inf' for κ_MP of a square matrix, whose Marchenko–Pastur lower edge is 0.
 */
function kappaCell(value: number | null): string {
  if (value === null) return '-'
  if (!Number.isFinite(value)) return formatNumber(value)
  return Math.abs(value) >= 1e6 ? value.toExponential(3) : value.toFixed(4)
}
