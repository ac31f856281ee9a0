/**
 * Loads the design matrix of the xgb1 binning into memory (boosting needs every row's
 * margin each round): numeric columns raw (missing, special and unparsable cells NaN),
 * categorical columns one-hot with their levels sorted (spec credit.md §2.7), then fits
 * ../../kernels/credit/xgb1-stumps.ts and returns the thresholds of each numeric feature.
 * Memory: 8 bytes per row per numeric column plus one-hot columns.
 */
import {compareText} from '../kernels/column-profile.js'
import {isMissingCell, parseNumericCell} from '../kernels/cell-value.js'
import {TargetClasses} from '../kernels/target-classes.js'
import {correlationSign, fitXgb1} from '../kernels/xgb1-stumps.js'
import {selectFeatures, type TableColumnsRequest} from './profile-table.js'
import {openTable} from './open-table.js'
import {columnIndex} from './table-source.js'

export interface Xgb1Request extends TableColumnsRequest {
  readonly rounds: number
  readonly monotonic: 'auto' | 'ascending' | 'descending' | 'none'
}

export async function loadXgb1Thresholds(file: string, r: Xgb1Request): Promise<Map<string, number[]>> {
  const source = await openTable(file)
  const t = columnIndex(source, r.target, 'target')
  const names = selectFeatures(file, source.header, r.target, r.features, r.exclude)
  const index = names.map((n) => source.header.indexOf(n))
  const classes = new TargetClasses(file, r.target, r.bad)
  const special = new Set(r.special.map((s) => s.trim()))
  const cells: string[][] = names.map(() => [])
  const slots: number[] = []
  for await (const batch of source.batches()) {
    for (const record of batch) {
      slots.push(classes.slot(record[t], slots.length + 2))
      index.forEach((c, j) => cells[j].push(record[c]))
    }
  }
  const badSlot = classes.badSlot()
  const y = Float64Array.from(slots, (s) => (s === badSlot ? 1 : 0))
  const columns: Float64Array[] = []
  const owner: (string | null)[] = []
  const monotone: number[] = []
  names.forEach((name, j) => {
    const values = cells[j].map((c) => (isMissingCell(c) || special.has(c.trim()) ? Number.NaN : parseNumericCell(c)))
    const numeric =
      !r.categorical.includes(name) &&
      values.every((v, i) => !Number.isNaN(v) || isMissingCell(cells[j][i]) || special.has(cells[j][i].trim()))
    if (numeric) {
      const x = Float64Array.from(values)
      columns.push(x)
      owner.push(name)
      monotone.push(
        r.monotonic === 'none'
          ? 0
          : r.monotonic === 'ascending'
            ? 1
            : r.monotonic === 'descending'
              ? -1
              : correlationSign(x, y),
      )
      return
    }
    const levels = [...new Set(cells[j])].sort(compareText)
    for (const level of levels) {
      columns.push(Float64Array.from(cells[j], (c) => (c === level ? 1 : 0)))
      owner.push(null)
      monotone.push(0)
    }
  })
  const model = fitXgb1(columns, y, {rounds: r.rounds, learningRate: 0.1, lambda: 1, minChildWeight: 1, monotone})
  const out = new Map<string, number[]>()
  owner.forEach((name, j) => name !== null && out.set(name, [...model.thresholds[j]]))
  return out
}
