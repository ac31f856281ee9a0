/**
 * The in-process engine of the counts table: one streaming pass of the table reader over DATA,
 * counting rows per (feature, bin, class) in saved bins. The class comes from the target column
 * decoded as `credit bin` decodes it (same bad label); without that column every row is class
 * `all` (enough for PSI).
 */
import {TargetClasses} from '../kernels/target-classes.js'
import type {BinResult} from '../kernels/bin-features.js'
import type {CountsTable, FeatureCounts} from '../kernels/counts-table.js'
import {countBins} from './count-bins.js'
import {openTable} from './open-table.js'

export async function countTableRows(data: string, bins: BinResult, target: string | null): Promise<CountsTable> {
  const binnings = bins.features.map((f) => f.binning)
  const header = (await openTable(data)).header
  const t = target !== null ? header.indexOf(target) : -1
  const classes = new TargetClasses(data, target ?? '', bins.bad_label)
  const perClass = [0, 0]
  const r = await countBins(data, {
    binnings,
    classify:
      t >= 0
        ? (cell, line) => {
            const slot = classes.slot(cell(t), line)
            perClass[slot]++
            return slot
          }
        : undefined,
  })
  const bad = t >= 0 ? classes.badSlot() : 1
  const labels = t >= 0 ? classes.labels() : {good: bins.good_label, bad: bins.bad_label}
  return {
    target: t >= 0 ? target : null,
    good_label: labels.good,
    bad_label: labels.bad,
    method: bins.method,
    engine: 'in-process',
    classes: t >= 0,
    features: binnings.map((binning, f): FeatureCounts => {
      const c = r.counts[f]
      if (t < 0) return {binning, goods: c[0], bads: new Float64Array(c[0].length), unmatched: [r.unmatched[f], 0]}
      // Unmatched rows per class: the class's rows less those that found a bin.
      const missed = (slot: number) => perClass[slot] - c[slot].reduce((a, v) => a + v, 0)
      return {binning, goods: c[1 - bad], bads: c[bad], unmatched: [missed(1 - bad), missed(bad)]}
    }),
  }
}
