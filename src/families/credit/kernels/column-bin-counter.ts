/**
 * Counts one column of a byte batch into a fitted binning's bins, a whole column at a time: the hot loop of
 * `credit psi` (and `credit counts`). Per cell it gives exactly byteBinAssigner(b) (./feature-binning.ts), whose
 * closure, called per row and per feature through one megamorphic call site, with a Set lookup and a string
 * comparison per step of the binary search, took half of psi's time. Here each column runs a monomorphic loop with
 * the range search specialised to the binning's closed side and the special-number check only when there are
 * special values; a short number text met before takes its bin from a memo (./short-cell-index.ts) unparsed.
 * A number that overflows a double stops the column: count() returns its row, and `error` holds the
 * NonFiniteCellError, so the caller can report the earliest failing row of all columns, as a row-by-row pass does.
 */
import {ByteKeyIndex} from './byte-key-index.js'
import {cellText, parseNumericBytes} from './cell-bytes.js'
import {NonFiniteCellError, parseNumericCell} from './cell-value.js'
import {binAssigner, totalBinCount, type FeatureBinning} from './feature-binning.js'
import {ShortCellIndex} from './short-cell-index.js'

export interface ColumnBinCounter {
  /** Rows per bin index. */
  readonly counts: Float64Array
  /** Rows matching no bin (index −1). */
  readonly unmatched: number
  /** The error that stopped the last count() (when it returned a row). */
  readonly error: NonFiniteCellError | undefined
  /**
   * Adds the cells bytes[starts[k], ends[k]) of rows 0..limit−1, k = first + r·width. Returns −1, or the row of a
   * cell that is not a finite number where one is needed (rows before it are counted, it and later ones not).
   */
  count(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, first: number, width: number, limit: number): number
}

export function columnBinCounter(b: FeatureBinning): ColumnBinCounter {
  return b.type === 'numeric' ? new NumericBinCounter(b) : new CategoricalBinCounter(b)
}

class NumericBinCounter implements ColumnBinCounter {
  readonly counts: Float64Array
  unmatched = 0
  error: NonFiniteCellError | undefined
  private readonly edges: Float64Array
  private readonly rightClosed: boolean
  private readonly specialNumbers = new Set<number>()
  private readonly hasSpecialNumbers: boolean
  private readonly byText: (cell: string) => number
  /** A short number text's bytes → its bin, so a text met before is neither parsed nor searched again. */
  private readonly texts = new ShortCellIndex()

  constructor(b: Extract<FeatureBinning, {type: 'numeric'}>) {
    this.counts = new Float64Array(totalBinCount(b))
    this.edges = Float64Array.from(b.edges)
    this.rightClosed = b.closed === 'right'
    for (const s of b.special) {
      const v = parseNumericCell(s.trim())
      if (!Number.isNaN(v)) this.specialNumbers.add(v)
    }
    this.hasSpecialNumbers = this.specialNumbers.size > 0
    this.byText = binAssigner(b)
  }

  count(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, first: number, width: number, limit: number): number {
    const {edges, counts, texts} = this
    const n = edges.length
    for (let r = 0, k = first; r < limit; r++, k += width) {
      let bin = texts.get(bytes, starts[k], ends[k])
      if (bin >= 0) {
        counts[bin]++
        continue
      }
      const x = parseNumericBytes(bytes, starts[k], ends[k])
      // NaN and ±Infinity fail the comparison and take the text path (missing, special, unseen text, or an error)
      if (Math.abs(x) <= Number.MAX_VALUE && !(this.hasSpecialNumbers && this.specialNumbers.has(x))) {
        let lo = 0
        let hi = n
        if (this.rightClosed) {
          while (lo < hi) {
            const mid = (lo + hi) >>> 1
            if (edges[mid] < x) lo = mid + 1
            else hi = mid
          }
        } else {
          while (lo < hi) {
            const mid = (lo + hi) >>> 1
            if (edges[mid] <= x) lo = mid + 1
            else hi = mid
          }
        }
        bin = lo
        texts.set(bytes, starts[k], ends[k], bin)
      } else {
        try {
          bin = this.byText(cellText(bytes, starts[k], ends[k]))
        } catch (error) {
          if (!(error instanceof NonFiniteCellError)) throw error
          this.error = error
          return r
        }
      }
      if (bin < 0) this.unmatched++
      else counts[bin]++
    }
    return -1
  }
}

class CategoricalBinCounter implements ColumnBinCounter {
  readonly counts: Float64Array
  unmatched = 0
  readonly error = undefined
  /** A cell's bytes → its bin + 1 (a bin depends on the text alone). */
  private readonly known = new ByteKeyIndex()
  private readonly byText: (cell: string) => number

  constructor(b: Extract<FeatureBinning, {type: 'categorical'}>) {
    this.counts = new Float64Array(totalBinCount(b))
    this.byText = binAssigner(b)
  }

  count(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, first: number, width: number, limit: number): number {
    const {known, counts} = this
    for (let r = 0, k = first; r < limit; r++, k += width) {
      let bin = known.get(bytes, starts[k], ends[k]) - 1
      if (bin < -1) {
        bin = this.byText(cellText(bytes, starts[k], ends[k]))
        known.set(bytes, starts[k], ends[k], bin + 1)
      }
      if (bin < 0) this.unmatched++
      else counts[bin]++
    }
    return -1
  }
}
