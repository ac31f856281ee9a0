/**
 * A fitted binning of one feature, serialisable to JSON and applied to raw cells.
 * Bin index layout: numeric ranges 0..edges.length (or categorical groups), then the
 * Missing bin (when present), then one bin per special value. Numeric ranges are
 * right-closed (`x <= edge` goes to the lower bin, quantile reference setting) or
 * left-closed (`x < t` goes left, XGBoost/tree convention). A cell that matches no bin
 * (unseen category, missing or special value not seen at fit time) gets index −1:
 * WoE 0 and excluded from PSI counts (spec credit.md §2.11). A number that overflows a double (`1e999`) is
 * refused with NonFiniteCellError, as `credit bin` refuses it when fitting (the text `inf` is no number: like
 * any unseen text it matches no range; `nan` is missing).
 */
import {ByteKeyIndex} from './byte-key-index.js'
import {cellText, parseNumericBytes} from './cell-bytes.js'
import {isMissingCell, NonFiniteCellError, parseNumericCell} from './cell-value.js'

export type Closed = 'right' | 'left'

interface BinningBase {
  readonly feature: string
  readonly method: string
  /** Missing values form their own bin. */
  readonly missing: boolean
  /** Special values (raw text, or numbers compared numerically), each with its own bin. */
  readonly special: readonly string[]
  /** Bin labels in index order. */
  readonly labels: readonly string[]
}

export interface NumericBinning extends BinningBase {
  readonly type: 'numeric'
  readonly closed: Closed
  readonly edges: readonly number[]
}

export interface CategoricalBinning extends BinningBase {
  readonly type: 'categorical'
  /** Levels of each bin. */
  readonly groups: readonly (readonly string[])[]
}

export type FeatureBinning = NumericBinning | CategoricalBinning

/** Number of regular (range or category) bins, before Missing and specials. */
export function regularBinCount(b: FeatureBinning): number {
  return b.type === 'numeric' ? b.edges.length + 1 : b.groups.length
}

export function totalBinCount(b: FeatureBinning): number {
  return regularBinCount(b) + (b.missing ? 1 : 0) + b.special.length
}

/** Index of the range holding x: right-closed counts edges < x, left-closed counts edges ≤ x (binary search). */
export function rangeIndex(edges: ArrayLike<number>, closed: Closed, x: number): number {
  let lo = 0
  let hi = edges.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (closed === 'right' ? edges[mid] < x : edges[mid] <= x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * A fast cell → bin index function for one binning (−1 when no bin applies). Precedence:
 * missing, special (text, then number), range or level. The common cases are tried first (a
 * number in a numeric binning, a known level in a categorical one) with the same result, since a
 * number is never a missing token and fitted levels are never missing or special cells.
 */
export function binAssigner(b: FeatureBinning): (cell: string) => number {
  const regular = regularBinCount(b)
  const missingIndex = b.missing ? regular : -1
  const specialBase = regular + (b.missing ? 1 : 0)
  const specialText = new Map(b.special.map((s, i) => [s.trim(), specialBase + i]))
  const specialNumber = new Map<number, number>()
  for (const [s, i] of specialText) {
    const v = parseNumericCell(s)
    if (!Number.isNaN(v)) specialNumber.set(v, i)
  }
  const hasSpecials = specialText.size > 0
  const slow = (cell: string): number => {
    if (isMissingCell(cell)) return missingIndex
    return specialText.get(cell.trim()) ?? -1
  }
  if (b.type === 'categorical') {
    const levelIndex = new Map<string, number>()
    b.groups.forEach((g, i) => g.forEach((level) => levelIndex.set(level, i)))
    return (cell: string) => levelIndex.get(cell) ?? slow(cell)
  }
  const edges = Float64Array.from(b.edges)
  const closed = b.closed
  return (cell: string) => {
    const x = parseNumericCell(cell)
    if (Number.isNaN(x)) return slow(cell)
    if (!Number.isFinite(x)) throw new NonFiniteCellError(cell)
    if (hasSpecials) {
      const special = specialText.get(cell.trim()) ?? specialNumber.get(x)
      if (special !== undefined) return special
    }
    return rangeIndex(edges, closed, x)
  }
}

/** A cell given as bytes[start, end) of a UTF-8 buffer → bin index. */
export type ByteBinAssigner = (bytes: Uint8Array, start: number, end: number) => number

/**
 * binAssigner over the bytes of a CSV line: always binAssigner(b)(cellText(bytes, start, end)). A finite number
 * that is no special value is placed straight from the bytes; a categorical cell's bin is remembered per distinct
 * byte string (it depends on the text only); everything else takes the text path.
 */
export function byteBinAssigner(b: FeatureBinning): ByteBinAssigner {
  const byText = binAssigner(b)
  if (b.type === 'categorical') {
    const known = new ByteKeyIndex()
    return (bytes, start, end) => {
      const stored = known.get(bytes, start, end)
      if (stored >= 0) return stored - 1
      const bin = byText(cellText(bytes, start, end))
      known.set(bytes, start, end, bin + 1)
      return bin
    }
  }
  const edges = Float64Array.from(b.edges)
  const closed = b.closed
  const specialNumbers = new Set<number>()
  for (const s of b.special) {
    const v = parseNumericCell(s.trim())
    if (!Number.isNaN(v)) specialNumbers.add(v)
  }
  return (bytes, start, end) => {
    const x = parseNumericBytes(bytes, start, end)
    // NaN and ±Infinity fail the comparison and take the text path
    if (Math.abs(x) <= Number.MAX_VALUE && !specialNumbers.has(x)) return rangeIndex(edges, closed, x)
    return byText(cellText(bytes, start, end))
  }
}

/** Human labels for numeric ranges, e.g. "(-inf, 3]" or "[3, 7)". */
export function rangeLabels(edges: readonly number[], closed: Closed): string[] {
  const bounds = [Number.NEGATIVE_INFINITY, ...edges, Number.POSITIVE_INFINITY]
  const fmt = (v: number) =>
    v === Number.NEGATIVE_INFINITY ? '-inf' : v === Number.POSITIVE_INFINITY ? 'inf' : String(v)
  const labels: string[] = []
  for (let i = 0; i + 1 < bounds.length; i++) {
    labels.push(
      closed === 'right' ? `(${fmt(bounds[i])}, ${fmt(bounds[i + 1])}]` : `[${fmt(bounds[i])}, ${fmt(bounds[i + 1])})`,
    )
  }
  return labels
}
