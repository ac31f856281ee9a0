/**
 * Streams a table and counts, per fitted binning, the rows falling in each bin (rows
 * matching no bin, e.g. unseen categories, are counted apart), optionally split by a
 * 0/1 row class. Also collects the rows' bin indices when asked (scorecard fitting).
 * Cells are read as bytes (../kernels/feature-binning.ts byteBinAssigner); the row
 * class is computed from decoded cells, which the classifier asks for by column.
 */
import {InputError} from '../../../core/errors.js'
import {cellText} from '../kernels/cell-bytes.js'
import {NonFiniteCellError} from '../kernels/cell-value.js'
import {columnBinCounter} from '../kernels/column-bin-counter.js'
import {byteBinAssigner, totalBinCount, type FeatureBinning} from '../kernels/feature-binning.js'
import {openTable} from './open-table.js'
import {columnIndex, type ByteBatch, type TableSource} from './table-source.js'

export interface BinCountResult {
  readonly rows: number
  /** counts[f][class][bin] (class 0 only when no classifier is given). */
  readonly counts: Float64Array[][]
  readonly unmatched: number[]
  /** Row bin indices per feature (−1 unmatched), when `keepRows`. */
  readonly rowBins?: Int32Array[]
  readonly classes?: Uint8Array
  /** The reader's warnings (bytes that are not UTF-8). */
  readonly warnings: readonly string[]
}

/** The text of column j of the current row. */
export type RowCell = (column: number) => string

export interface CountRequest {
  readonly binnings: readonly FeatureBinning[]
  /** Row class (0/1) from the row's cells, e.g. target or protected group. */
  readonly classify?: (cell: RowCell, line: number) => number
  readonly keepRows?: boolean
  readonly onSource?: (source: TableSource) => void
}

export async function countBins(file: string, r: CountRequest): Promise<BinCountResult> {
  const source = await openTable(file)
  r.onSource?.(source)
  if (!r.classify && !r.keepRows) {
    const counted = await countColumns(source.file, source.header, source.byteBatches(), r.binnings)
    return {...counted, warnings: source.warnings}
  }
  const index = r.binnings.map((b) => columnIndex(source, b.feature, 'feature'))
  const assign = r.binnings.map(byteBinAssigner)
  const nClasses = r.classify ? 2 : 1
  const counts = r.binnings.map((b) => Array.from({length: nClasses}, () => new Float64Array(totalBinCount(b))))
  const unmatched = r.binnings.map(() => 0)
  const rowBins: number[][] = r.binnings.map(() => [])
  const classes: number[] = []
  let rows = 0
  let f = 0
  try {
    for await (const batch of source.byteBatches()) {
      const {bytes, starts, ends, width} = batch
      let k = 0
      const cell: RowCell = (j) => cellText(bytes, starts[k + j], ends[k + j])
      for (let row = 0; row < batch.rows; row++, k += width) {
        const cls = r.classify ? r.classify(cell, rows + 2) : 0
        if (r.keepRows) classes.push(cls)
        for (f = 0; f < index.length; f++) {
          const c = k + index[f]
          const bin = assign[f](bytes, starts[c], ends[c])
          if (bin < 0) unmatched[f]++
          else counts[f][cls][bin]++
          if (r.keepRows) rowBins[f].push(bin)
        }
        rows++
      }
    }
  } catch (error) {
    if (!(error instanceof NonFiniteCellError)) throw error
    throw new InputError(`line ${rows + 2}: ${error.message}`, {file, field: r.binnings[f].feature})
  }
  return {
    rows,
    counts,
    unmatched,
    ...(r.keepRows ? {rowBins: rowBins.map((b) => Int32Array.from(b)), classes: Uint8Array.from(classes)} : {}),
    warnings: source.warnings,
  }
}

/**
 * countBins without a row class or kept rows (psi, counts), column by column over each batch: one monomorphic
 * loop per column (../kernels/column-bin-counter.ts). Errors as a row-by-row pass reports them: the earliest
 * row, and within it the first feature.
 */
export async function countColumns(
  file: string,
  header: readonly string[],
  batches: AsyncIterable<ByteBatch>,
  binnings: readonly FeatureBinning[],
): Promise<Omit<BinCountResult, 'warnings'>> {
  const index = binnings.map((b) => columnIndex({file, header}, b.feature, 'feature'))
  const counters = binnings.map(columnBinCounter)
  let rows = 0
  for await (const {bytes, starts, ends, width, rows: n} of batches) {
    let limit = n
    let failed: {row: number; f: number} | undefined
    for (let f = 0; f < index.length; f++) {
      const row = counters[f].count(bytes, starts, ends, index[f], width, limit)
      if (row >= 0) limit = (failed = {row, f}).row // later features matter only for earlier rows
    }
    if (failed) {
      const error = counters[failed.f].error!
      throw new InputError(`line ${rows + failed.row + 2}: ${error.message}`, {file, field: binnings[failed.f].feature})
    }
    rows += n
  }
  return {
    rows,
    counts: counters.map((c) => [c.counts]),
    unmatched: counters.map((c) => c.unmatched),
  }
}
