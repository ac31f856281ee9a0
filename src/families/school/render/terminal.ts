/** Terminal rendering of school reports. */
import {metricNames, type MetricName} from '../kernels/school-metrics.js'
import type {MetricSummary} from '../kernels/school-summary.js'
import type {EnsembleResult, SimulationResult} from '../pipeline/simulate.js'
import type {AnalysisResult} from '../pipeline/analyze.js'
import type {SchoolParameters} from '../kernels/school-parameters.js'
import {formatNumber, renderKeyValues, renderTable, type Cell} from '../../../core/terminal/terminal.js'

export function renderSummaryTable(summary: Record<MetricName, MetricSummary>): string {
  return renderTable(
    ['metric', 'final', 'mean (2nd half)', 'std (2nd half)', 'min', 'max'],
    metricNames.map((m) => [m, summary[m].final, summary[m].mean2, summary[m].std2, summary[m].min, summary[m].max]),
  )
}

export function renderHeader(pairs: readonly (readonly [string, Cell])[]): string {
  return renderKeyValues(pairs)
}

/** Ensemble mean ± sample sd (across members) of the final value and the second-half mean. */
export function renderEnsembleTable(e: EnsembleResult): string {
  const pm = (x: {mean: number; sd: number}) => `${formatNumber(x.mean)} ± ${formatNumber(x.sd)}`
  const seeds = e.seeds.length > 0 ? `, seeds ${e.seeds[0]}…${e.seeds[e.seeds.length - 1]}` : ''
  return renderTable(
    [`ensemble (${e.members} members${seeds})`, 'final mean ± sd', '2nd-half mean ± sd'],
    metricNames.map((m) => [m, pm(e.statistics.final[m]), pm(e.statistics.mean2[m])]),
  )
}

/** `school simulate`: the run's settings, the metric summary and, for an ensemble, the across-member table. */
export function renderSimulation(r: SimulationResult, p: SchoolParameters): string {
  const head = renderHeader([
    ['scenario', p.scenario_name],
    ['fish x steps', `${p.n_fish} x ${p.n_steps}`],
    ['state (final frame)', r.state],
    ['search', r.search],
    ['threads', r.threads],
    ['centroid', r.centroid],
    ['netcdf', r.netcdf],
  ])
  return `${head}\n${renderSummaryTable(r.summary)}${r.ensemble ? `\n${renderEnsembleTable(r.ensemble)}` : ''}`
}

/** `school analyze`: the file's shape, member 0's summary and, for an ensemble file, the across-member table. */
export function renderAnalysis(r: AnalysisResult): string {
  const e = r.ensemble
  const head = renderHeader([
    ['file', r.file],
    ['frames x fish', `${r.frames} x ${r.fish}`],
    ['members', e?.members ?? 1],
    ['state (member 0, final frame)', r.state],
    ['centroid', r.centroid],
  ])
  return [head, renderSummaryTable(r.summary), ...(e ? [renderEnsembleTable({...e, seeds: e.seeds ?? []})] : [])].join(
    '\n',
  )
}
