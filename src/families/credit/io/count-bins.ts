/**
 * Streams a table and counts, per fitted binning, the rows falling in each bin (rows
 * matching no bin, e.g. unseen categories, are counted apart), optionally split by a
 * 0/1 row class. Also collects the rows' bin indices when asked (scorecard fitting).
 */
import {binAssigner, totalBinCount, type FeatureBinning} from '../kernels/feature-binning.js'
import {openTable} from './open-table.js'
import {columnIndex, type TableSource} from './table-source.js'

export interface BinCountResult {
  readonly rows: number
  /** counts[f][class][bin] (class 0 only when no classifier is given). */
  readonly counts: Float64Array[][]
  readonly unmatched: number[]
  /** Row bin indices per feature (−1 unmatched), when `keepRows`. */
  readonly rowBins?: Int32Array[]
  readonly classes?: Uint8Array
}

export interface CountRequest {
  readonly binnings: readonly FeatureBinning[]
  /** Row class from the record (0/1), e.g. target or protected group. */
  readonly classify?: (record: readonly string[], line: number) => number
  readonly keepRows?: boolean
  readonly onSource?: (source: TableSource) => void
}

export async function countBins(file: string, r: CountRequest): Promise<BinCountResult> {
  const source = await openTable(file)
  r.onSource?.(source)
  const index = r.binnings.map((b) => columnIndex(source, b.feature, 'feature'))
  const assign = r.binnings.map(binAssigner)
  const nClasses = r.classify ? 2 : 1
  const counts = r.binnings.map((b) => Array.from({length: nClasses}, () => new Float64Array(totalBinCount(b))))
  const unmatched = r.binnings.map(() => 0)
  const rowBins: number[][] = r.binnings.map(() => [])
  const classes: number[] = []
  let rows = 0
  for await (const batch of source.batches()) {
    for (const record of batch) {
      const cls = r.classify ? r.classify(record, rows + 2) : 0
      if (r.keepRows) classes.push(cls)
      for (let f = 0; f < index.length; f++) {
        const bin = assign[f](record[index[f]])
        if (bin < 0) unmatched[f]++
        else counts[f][cls][bin]++
        if (r.keepRows) rowBins[f].push(bin)
      }
      rows++
    }
  }
  return {
    rows,
    counts,
    unmatched,
    ...(r.keepRows ? {rowBins: rowBins.map((b) => Int32Array.from(b)), classes: Uint8Array.from(classes)} : {}),
  }
}
