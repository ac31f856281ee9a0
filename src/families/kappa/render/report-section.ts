/**
 * `report render` section of `infolens.kappa/1` (KappaTune plans): the budget,
 * how many tensors and parameters the plan trains, and the selected tensors in
 * rank order (lowest condition number κ = σ_max/σ_min first). κ_MP, the κ of a
 * random matrix of the same shape, sits beside κ because raw κ favours thin
 * matrices (see docs/kappa.md).
 */
import type {Report} from '../../../core/report/envelope.js'
import {formatNumber} from '../../../core/terminal/terminal.js'
import {boundedTable, countRows} from '../../../core/report/render/bounded-table.js'
import {markdownKeyValues, type MarkdownCell} from '../../../core/report/render/markdown.js'
import {asArray, asRecord, asRecords, numberOf, textOf, type Fields} from '../../../core/report/render/result-fields.js'

function budgetText(budget: Fields): string | undefined {
  if (!textOf(budget.mode)) return undefined
  const scope = budget.per_type === true ? ' per layer type' : ''
  return `${textOf(budget.mode)} ${textOf(budget.value) ?? '?'}${scope}`
}

function trainedText(selection: Fields): string | undefined {
  const trained = numberOf(selection.trainable_params)
  const total = numberOf(selection.total_params)
  if (trained === null || total === null) return undefined
  const fraction = numberOf(selection.trainable_fraction) ?? (total > 0 ? trained / total : null)
  return `${trained} of ${total} (${fraction === null ? '-' : `${formatNumber(100 * fraction, 3)} %`})`
}

/**
 * Where the spectra came from: solved now, read from the shared cache (of those, how many were
 * `spectral`'s Gram eigenvalues accepted as accurate enough) and Gram entries rejected and re-solved
 * by SVD (docs/kappa.md). The Gram counts are left out for reports written before they existed.
 */
function singularValuesText(compute: Fields): string | undefined {
  if (!('solves' in compute)) return undefined
  let cached = `${textOf(compute.cache_hits) ?? 0} from the spectra cache`
  if ('cache_hits_gram' in compute) cached += ` (${textOf(compute.cache_hits_gram) ?? '?'} of them Gram spectra)`
  const parts = [
    `${textOf(compute.solves)} solved (${textOf(compute.solver) ?? '?'}${routesText(compute.routes)})`,
    cached,
  ]
  if ('gram_rejected' in compute)
    parts.push(`${textOf(compute.gram_rejected) ?? '?'} Gram entries rejected and re-solved`)
  return parts.join(', ')
}

/** "; 3 Gram, 2 Gram + LU, 1 SVD" for reports that record the routes. */
function routesText(routes: unknown): string {
  if (typeof routes !== 'object' || routes === null) return ''
  const r = routes as Record<string, unknown>
  return `; ${textOf(r.gram) ?? '?'} Gram, ${textOf(r.gram_lu) ?? '?'} Gram + LU, ${textOf(r.svd) ?? '?'} SVD`
}

function tensorLabel(t: Fields): string | undefined {
  if (t.kind === 'moe-parameter') return `${textOf(t.name)} (mean of ${textOf(t.experts) ?? '?'} experts)`
  return textOf(t.name)
}

function selectedTable(tensors: readonly Fields[]): string {
  const rows = tensors
    .filter((t) => t.selected === true)
    .sort((a, b) => (numberOf(a.rank_position) ?? Infinity) - (numberOf(b.rank_position) ?? Infinity))
    .map((t): MarkdownCell[] => [
      numberOf(t.rank_position),
      tensorLabel(t),
      asArray(t.shape).join('×'),
      numberOf(t.kappa),
      numberOf(t.kappa_mp),
      numberOf(t.log_volume_gap_per_dim),
    ])
  return boundedTable(['rank', 'tensor', 'shape', 'kappa', 'kappa_mp', 'log-volume gap/dim'], rows, 'selected tensors')
}

export function renderKappaSection(report: Report<unknown>): string {
  const r = asRecord(report.result)
  const selection = asRecord(r.selection)
  const skipped = asRecords(r.skipped)
  const compute = asRecord(r.compute)
  const parts = [
    '#### Plan',
    markdownKeyValues([
      ['model', textOf(r.model)],
      ['method', textOf(r.method)],
      ['budget', budgetText(asRecord(r.budget))],
      ['scope', textOf(r.scope)],
      ['candidates', numberOf(selection.candidates)],
      ['selected', numberOf(selection.selected)],
      ['Linear modules selected', asArray(selection.target_modules).length],
      ['MoE parameters selected', asArray(selection.target_parameters).length],
      ['skipped tensors', skipped.length],
      ['parameters trained', trainedText(selection)],
      ['LoRA parameters per rank', numberOf(selection.lora_params_per_rank)],
      ['singular values', singularValuesText(compute)],
    ]),
    '#### Selected tensors (lowest kappa first)',
    selectedTable(asRecords(r.tensors)),
  ]
  const perType = asRecords(selection.per_type)
  if (perType.length > 0)
    parts.push(
      '#### By layer type',
      boundedTable(
        ['layer type', 'candidates', 'selected'],
        perType.map((p) => [textOf(p.type), numberOf(p.candidates), numberOf(p.selected)]),
        'layer types',
      ),
    )
  if (skipped.length > 0)
    parts.push(
      '#### Skipped tensors',
      boundedTable(['reason', 'tensors'], countRows(skipped.map((s) => textOf(s.skip_reason) ?? '-')), 'reasons'),
    )
  return parts.join('\n\n')
}
