/**
 * Reads a table into per-row bin indices of the given binnings plus the decoded binary
 * target (bad = 1), for fitting and evaluating scorecards. Memory: 4 bytes per row per
 * feature.
 */
import type {FeatureBinning} from '../kernels/feature-binning.js'
import {TargetClasses} from '../kernels/target-classes.js'
import type {BinnedRows} from '../kernels/woe-scorecard.js'
import {countBins} from './count-bins.js'
import {columnIndex} from './table-source.js'

export async function readBinnedRows(
  file: string,
  binnings: readonly FeatureBinning[],
  target: string,
  bad?: string,
): Promise<BinnedRows & {badLabel: string}> {
  const classes = new TargetClasses(file, target, bad)
  let t = -1
  const r = await countBins(file, {
    binnings,
    keepRows: true,
    onSource: (s) => (t = columnIndex(s, target, 'target')),
    classify: (cell, line) => classes.slot(cell(t), line),
  })
  const badSlot = classes.badSlot()
  return {
    rows: r.rows,
    rowBins: r.rowBins!,
    y: r.classes!.map((c) => (c === badSlot ? 1 : 0)),
    badLabel: classes.labels().bad,
  }
}
