/** Terminal rendering of school reports. */
import {metricNames, type MetricName} from '../../kernels/school/school-metrics.js'
import type {MetricSummary} from '../../kernels/school/school-summary.js'
import {renderKeyValues, renderTable, type Cell} from '../terminal.js'

export function renderSummaryTable(summary: Record<MetricName, MetricSummary>): string {
  return renderTable(['metric', 'final', 'mean (2nd half)', 'std (2nd half)', 'min', 'max'],
    metricNames.map((m) => [m, summary[m].final, summary[m].mean2, summary[m].std2, summary[m].min, summary[m].max]))
}

export function renderHeader(pairs: readonly (readonly [string, Cell])[]): string {
  return renderKeyValues(pairs)
}
