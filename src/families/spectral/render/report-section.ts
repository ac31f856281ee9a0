/**
 * `report render` section of `infolens.spectral/1` reports. `spectral analyze`
 * and `spectral refit` write a per-layer result (summary counts and means, the
 * layer table, an optional --fail-on gate); `spectral diff` writes `{a, b, diff}`
 * under the same schema id, so the shape picks the view. The layer table keeps
 * the HTSR key columns only (α, weighted α̂, KS distance D, stable rank and the
 * SETOL gap xmin − detX) with flagged layers first: failed fits, layers matched
 * by the gate, then α outside the well-trained band [2, 6] (Martin & Mahoney, 2021).
 */
import type {Report} from '../../../core/report/envelope.js'
import {boundedTable, countRows} from '../../../core/report/render/bounded-table.js'
import {markdownKeyValues, type MarkdownCell} from '../../../core/report/render/markdown.js'
import {asArray, asRecord, asRecords, numberOf, textOf, type Fields} from '../../../core/report/render/result-fields.js'

export function renderSpectralSection(report: Report<unknown>): string {
  const result = asRecord(report.result)
  return 'diff' in result ? renderDiff(result) : renderAnalysis(result)
}

/** How far α lies outside [2, 6] (failed fits count as furthest). */
function alphaDistance(layer: Fields): number {
  const alpha = numberOf(layer.alpha)
  if (alpha === null || Number.isNaN(alpha)) return Number.POSITIVE_INFINITY
  return alpha < 2 ? 2 - alpha : alpha > 6 ? alpha - 6 : 0
}

/** Why a layer deserves a reviewer's look, in table order of severity; empty when it does not. */
export function flags(layer: Fields, gated: ReadonlySet<string>): string[] {
  const out: string[] = []
  if (layer.status === 'failed') out.push(`failed${textOf(layer.reason) ? `: ${textOf(layer.reason)}` : ''}`)
  if (gated.has(String(layer.name))) out.push('gate')
  if (layer.warning === 'under-trained' || layer.warning === 'over-trained') out.push(layer.warning)
  return out
}

/** Flagged layers first (failed, gated, then by distance of α from [2, 6]), the rest in report order. */
export function spectralLayerOrder(layers: readonly Fields[], gated: ReadonlySet<string>): Fields[] {
  const rank = (l: Fields) =>
    l.status === 'failed' ? 0 : gated.has(String(l.name)) ? 1 : flags(l, gated).length > 0 ? 2 : 3
  return layers
    .map((layer, index) => ({layer, index}))
    .sort(
      (x, y) =>
        rank(x.layer) - rank(y.layer) ||
        (rank(x.layer) < 3 ? alphaDistance(y.layer) - alphaDistance(x.layer) : 0) ||
        x.index - y.index,
    )
    .map((x) => x.layer)
}

export function shapeCell(layer: Fields): string {
  const rf = numberOf(layer.rf)
  return `${textOf(layer.N) ?? '?'}×${textOf(layer.M) ?? '?'}${rf !== null && rf > 1 ? `×${rf}` : ''}`
}

function layerTable(layers: readonly Fields[], gated: ReadonlySet<string>): string {
  const rows = spectralLayerOrder(layers, gated).map((l): MarkdownCell[] => [
    textOf(l.name),
    shapeCell(l),
    numberOf(l.alpha),
    numberOf(l.alpha_weighted),
    numberOf(l.D),
    numberOf(l.stable_rank),
    numberOf(l.setol_gap),
    flags(l, gated).join(', ') || 'ok',
  ])
  return boundedTable(
    ['layer', 'N×M', 'alpha', 'alpha_weighted', 'D', 'stable_rank', 'setol_gap', 'status'],
    rows,
    'layers',
  )
}

export function summaryPairs(result: Fields, layers: readonly Fields[]): [string, MarkdownCell][] {
  const summary = asRecord(result.summary)
  const counts = asRecord(summary.counts)
  const means = asRecord(summary.means)
  const medians = asRecord(summary.medians)
  const count = (key: string, fallback: number) => numberOf(counts[key]) ?? fallback
  const source = asRecord(result.source)
  const pairs: [string, MarkdownCell][] = [
    ['source', [textOf(source.kind), textOf(source.path)].filter(Boolean).join(' ') || undefined],
    ['layers analysed', layers.length],
    ['fits ok', count('ok', layers.filter((l) => l.status === 'ok').length)],
    ['fits failed', count('failed', layers.filter((l) => l.status === 'failed').length)],
    ['tensors skipped', count('skipped', asArray(result.skipped).length)],
    ['under-trained (α > 6)', count('under_trained', layers.filter((l) => l.warning === 'under-trained').length)],
    ['over-trained (α < 2)', count('over_trained', layers.filter((l) => l.warning === 'over-trained').length)],
    ['mean alpha', numberOf(means.alpha)],
    ['median alpha', numberOf(medians.alpha)],
    ['mean alpha_weighted (α̂)', numberOf(means.alpha_weighted)],
    ['mean log_norm', numberOf(means.log_norm)],
    ['mean log_spectral_norm', numberOf(means.log_spectral_norm)],
    ['mean stable_rank', numberOf(means.stable_rank)],
  ]
  if (means.mp_softrank !== undefined) pairs.push(['mean mp_softrank', numberOf(means.mp_softrank)])
  const cache = asRecord(result.cache)
  if ('solved' in cache)
    pairs.push(['eigen-solves', `${textOf(cache.solved)} solved, ${textOf(cache.cached) ?? 0} from the spectra cache`])
  const outputs = asRecord(result.outputs)
  if (textOf(outputs.netcdf)) pairs.push(['eigenvalues (NetCDF)', textOf(outputs.netcdf)])
  if (asArray(outputs.plots).length > 0) pairs.push(['plots', `${asArray(outputs.plots).length} SVG files`])
  return pairs
}

export function gateSection(gate: Fields): string {
  const failed = asArray(gate.failed).map(String)
  const expression = `\`--fail-on '${textOf(gate.expression) ?? '?'}'\``
  if (failed.length === 0) return `#### Gate\n\n${expression}: **passed** (no layer matched)`
  const listed = failed.slice(0, 20).join(', ') + (failed.length > 20 ? `, … (${failed.length - 20} more)` : '')
  return `#### Gate\n\n${expression}: **failed**, ${failed.length} layer(s) matched: ${listed}`
}

function renderAnalysis(result: Fields): string {
  const layers = asRecords(result.layers)
  const gate = result.gate === undefined ? undefined : asRecord(result.gate)
  const gated = new Set(asArray(gate?.failed).map(String))
  const parts = ['#### Summary', markdownKeyValues(summaryPairs(result, layers))]
  if (gate) parts.push(gateSection(gate))
  parts.push(
    '#### Layers',
    'Flagged layers first (failed fit, matched by the gate, α outside [2, 6]); setol_gap = xmin − detX_val.',
    layerTable(layers, gated),
  )
  const skipped = skippedSection(result)
  if (skipped) parts.push(skipped)
  return parts.join('\n\n')
}

/** Skipped tensors counted by reason, or '' when none were skipped. */
export function skippedSection(result: Fields): string {
  const skipped = asRecords(result.skipped)
  if (skipped.length === 0) return ''
  const rows = countRows(skipped.map((s) => textOf(s.reason) ?? '-'))
  return `#### Skipped tensors\n\n${boundedTable(['reason', 'tensors'], rows, 'reasons')}`
}

function renderDiff(result: Fields): string {
  const diff = asRecord(result.diff)
  const onlyA = asArray(diff.onlyInA).map(String)
  const onlyB = asArray(diff.onlyInB).map(String)
  const parts = [
    '#### Spectral diff (B − A)',
    markdownKeyValues([
      ['A', textOf(result.a)],
      ['B', textOf(result.b)],
      ['matched layers', numberOf(diff.matched)],
      ['only in A', onlyA.length],
      ['only in B', onlyB.length],
    ]),
    '#### Change of the model means',
    boundedTable(
      ['metric', 'Δ mean (B − A)'],
      Object.entries(asRecord(diff.summaryDelta)).map(([k, v]) => [k, numberOf(v)]),
      'metrics',
    ),
    '#### Layers that moved most (by |Δα|)',
    boundedTable(
      ['layer', 'alpha (A)', 'alpha (B)', 'Δ alpha'],
      asRecords(diff.movedMost).map((m) => [
        textOf(m.name),
        numberOf(m.alpha_a),
        numberOf(m.alpha_b),
        numberOf(m.delta_alpha),
      ]),
      'layers',
    ),
  ]
  if (onlyA.length + onlyB.length > 0) {
    const rows = [...onlyA.map((n) => [n, 'A']), ...onlyB.map((n) => [n, 'B'])]
    parts.push('#### Unmatched layers', boundedTable(['layer', 'only in'], rows, 'layers'))
  }
  return parts.join('\n\n')
}
