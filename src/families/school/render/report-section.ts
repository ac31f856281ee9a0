/**
 * `report render` section of `infolens.school/1` (Couzin fish-school runs).
 * `school simulate` and `school analyze` carry a per-metric summary: the final
 * frame and the time average over the second half (frames T/2..T−1) of
 * polarization P, rotation M, the order index, the seven entropies and the
 * oceanic schooling index (OSI), plus the classified state; `simulate` adds its
 * parameters and an optional ensemble; `school sweep` carries one row per
 * swept value with second-half means over seeds.
 */
import type {Report} from '../../../core/report/envelope.js'
import {formatNumber} from '../../../core/terminal/terminal.js'
import {boundedTable, countRows} from '../../../core/report/render/bounded-table.js'
import {markdownKeyValues, type MarkdownCell} from '../../../core/report/render/markdown.js'
import {asArray, asRecord, asRecords, numberOf, textOf, type Fields} from '../../../core/report/render/result-fields.js'

/** Sweep columns beyond the value and the run count (the table stays ≤ 10 columns). */
const MAX_SWEEP_METRICS = 8

function summaryTable(summary: Fields): string {
  const rows = Object.entries(summary).map(([metric, s]): MarkdownCell[] => {
    const v = asRecord(s)
    return [metric, numberOf(v.final), numberOf(v.mean2), numberOf(v.std2), numberOf(v.min), numberOf(v.max)]
  })
  return boundedTable(['metric', 'final', 'mean (2nd half)', 'std (2nd half)', 'min', 'max'], rows, 'metrics')
}

function parameterPairs(parameters: Fields): [string, MarkdownCell][] {
  return Object.entries(parameters).filter(
    ([, v]) => v === null || ['string', 'number', 'boolean'].includes(typeof v),
  ) as [string, MarkdownCell][]
}

function ensembleSection(e: Fields): string {
  const stats = asRecord(e.statistics)
  const final = asRecord(stats.final)
  const mean2 = asRecord(stats.mean2)
  const pm = (x: unknown) => `${formatNumber(numberOf(asRecord(x).mean))} ± ${formatNumber(numberOf(asRecord(x).sd))}`
  const states = countRows(asArray(e.states).map(String))
    .map(([s, n]) => `${s} ×${n}`)
    .join(', ')
  return [
    `#### Ensemble (${textOf(e.members) ?? '?'} members, seeds ${asArray(e.seeds).join(', ')})`,
    `States: ${states || '-'}. Mean ± sample sd across members.`,
    boundedTable(
      ['metric', 'final', 'mean (2nd half)'],
      Object.keys(final).map((m) => [m, pm(final[m]), pm(mean2[m])]),
      'metrics',
    ),
  ].join('\n\n')
}

function renderRun(r: Fields): string {
  const isAnalyze = 'file' in r && !('parameters' in r)
  const head: [string, MarkdownCell][] = isAnalyze
    ? [
        ['file', textOf(r.file)],
        ['frames', numberOf(r.frames)],
        ['fish', numberOf(r.fish)],
        ['box size', numberOf(r.box_size)],
        ['centroid', textOf(r.centroid)],
        ['state', textOf(r.state)],
      ]
    : [
        ['frames', numberOf(r.frames)],
        ['state', textOf(r.state)],
        ['centroid', textOf(r.centroid)],
        ['neighbour search', textOf(r.search)],
        ['NetCDF', textOf(r.netcdf) ?? 'none'],
        ['plot', textOf(r.plot) ?? 'none'],
      ]
  const parts = [isAnalyze ? '#### Trajectory' : '#### Run', markdownKeyValues(head)]
  if (!isAnalyze) parts.push('#### Parameters', markdownKeyValues(parameterPairs(asRecord(r.parameters))))
  parts.push('#### Order parameters and entropies', summaryTable(asRecord(r.summary)))
  if (r.ensemble !== null && typeof r.ensemble === 'object') parts.push(ensembleSection(asRecord(r.ensemble)))
  const diffs = Object.values(asRecord(r.maxDifferenceFromStored))
    .map(numberOf)
    .filter((x): x is number => x !== null)
  if (diffs.length > 0)
    parts.push(`Largest difference from the metrics stored in the file: ${formatNumber(Math.max(...diffs))}.`)
  return parts.join('\n\n')
}

function renderSweep(r: Fields): string {
  const rows = asRecords(r.rows)
  const metrics = Object.keys(asRecord(rows[0]?.mean)).slice(0, MAX_SWEEP_METRICS)
  const table = rows.map((row): MarkdownCell[] => {
    const mean = asRecord(row.mean)
    const runs = asRecord(row.runs)
    return [numberOf(row.value), asArray(runs[metrics[0]]).length, ...metrics.map((m) => numberOf(mean[m]))]
  })
  return [
    '#### Sweep',
    markdownKeyValues([
      ['parameter', textOf(r.parameter)],
      ['values', rows.length],
      ['seeds', asArray(r.seeds).join(', ')],
      ['statistic', textOf(r.statistic)],
      ['NetCDF', textOf(r.netcdf) ?? 'none'],
    ]),
    `#### ${textOf(r.statistic) ?? 'mean'} over seeds by ${textOf(r.parameter) ?? 'value'}`,
    boundedTable([textOf(r.parameter) ?? 'value', 'runs', ...metrics], table, 'values'),
  ].join('\n\n')
}

export function renderSchoolSection(report: Report<unknown>): string {
  const r = asRecord(report.result)
  return 'rows' in r && 'parameter' in r ? renderSweep(r) : renderRun(r)
}
