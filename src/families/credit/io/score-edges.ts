/**
 * Decile (or m-quantile) edges of a numeric score column of a table, exact on the
 * distinct values (../../kernels/credit/column-profile.ts), returned as a right-closed
 * numeric binning, as the reference score PSI (spec credit.md §2.11).
 */
import {InputError} from '../../../core/errors.js'
import {ColumnProfiler} from '../kernels/column-profile.js'
import {rangeLabels, type NumericBinning} from '../kernels/feature-binning.js'
import {quantileEdges} from '../kernels/quantile-binning.js'
import {openTable} from './open-table.js'
import {columnIndex} from './table-source.js'

export async function scoreBinning(file: string, column: string, bins: number): Promise<NumericBinning> {
  const source = await openTable(file)
  const c = columnIndex(source, column, 'score')
  const profiler = new ColumnProfiler(column, {categorical: false, special: []})
  for await (const batch of source.batches()) for (const record of batch) profiler.add(record[c], 0)
  const p = profiler.finish()
  if (p.type !== 'numeric') throw new InputError('expected a numeric score column', {file, field: column})
  const edges = quantileEdges(p.values as number[], p.goods, bins)
  return {
    feature: column,
    method: 'quantile',
    type: 'numeric',
    closed: 'right',
    edges,
    missing: false,
    special: [],
    labels: rangeLabels(edges, 'right'),
  }
}
