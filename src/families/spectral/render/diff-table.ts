/** Terminal rendering of a report-vs-report `spectral diff`: the layers that moved most by |Δα|, then the counts and Δ means. */
import {renderKeyValues, renderTable} from '../../../core/terminal/terminal.js'
import type {SpectralDiff} from '../pipeline/diff.js'

export function renderReportDiff(d: SpectralDiff): string {
  const moved = renderTable(
    ['layer', 'α (A)', 'α (B)', 'Δα'],
    d.movedMost.map((m) => [m.name, m.alpha_a, m.alpha_b, m.delta_alpha]),
  )
  const sum = renderKeyValues([
    ['matched layers', d.matched],
    ['only in A', d.onlyInA.length],
    ['only in B', d.onlyInB.length],
    ...Object.entries(d.summaryDelta).map(([k, v]) => [`Δ mean ${k}`, v] as [string, number]),
  ])
  return `${moved}\n${sum}`
}
