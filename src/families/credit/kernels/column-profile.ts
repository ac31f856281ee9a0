/**
 * One-pass, bounded-memory class counts per distinct value of a column: the sufficient
 * statistic of every binning method except xgb1 (quantiles, CART, ChiMerge and the DP
 * all work on sorted distinct values with their good/bad counts).
 *
 * Exactness: counts are exact while a numeric column has at most `maxDistinct` distinct
 * values (default 2^18). Beyond that the values are rounded to fewer mantissa bits
 * (one bit fewer each time) until they fit; the report states the bits b kept, and as each
 * stage moves a value by at most a relative 2^−(its bits), quantile edges then carry a relative
 * error < 2^(1−b) (test/kernels/credit/column-profile.test.ts). Categorical columns are always
 * exact (memory grows with the number of levels).
 * A column is numeric while every non-missing, non-special cell is a decimal literal;
 * on the first other cell it turns categorical (numbers seen so far keep their text form
 * as produced by String(x)). An integer literal beyond ±(2^53 − 1) (a 23-digit account number) has no exact
 * double, so it marks the column as identifiers: it turns categorical too, keeping the digits as text, and the
 * profile names the first such cell for a warning.
 * Cells come as text (add) or as the bytes of a CSV line (addBytes, the hot path: no string for a number, a
 * dictionary from bytes to level for a category; addColumn, a whole column of a batch); all give the same profile.
 * One file past 250 lines because those three entry points share one state machine (numeric, coarsened,
 * categorical, over the level cap) whose transitions must stay identical: side by side they can be checked.
 */
import {ByteKeyIndex} from './byte-key-index.js'
import {cellText, parseNumericBytes} from './cell-bytes.js'
import {isMissingCell, NonFiniteCellError, parseNumericCell} from './cell-value.js'
import {DoubleIndex} from './double-index.js'
import {ShortCellIndex} from './short-cell-index.js'

export interface ColumnProfile {
  readonly name: string
  readonly type: 'numeric' | 'categorical'
  /** Sorted distinct values (numeric) or levels sorted by string (categorical). */
  readonly values: readonly number[] | readonly string[]
  readonly goods: Float64Array
  readonly bads: Float64Array
  readonly missing: readonly [number, number]
  readonly special: ReadonlyMap<string, readonly [number, number]>
  /** Mantissa bits kept when a numeric column was coarsened; null when exact. */
  readonly precisionBits: number | null
  /** A categorical column with more than `maxLevels` levels: counts were dropped, the column is an identifier. */
  readonly overLevelCap: boolean
  /** The first integer cell too long to be an exact double, which made the column text (an identifier). */
  readonly unsafeInteger?: string
}

/**
 * What a profile's numbers cannot tell about the order it was built in, and a merge of the profiles of a file's
 * consecutive parts needs: whether cells were read as numbers (a part's numbers would have been text had the
 * column already turned categorical in an earlier part), how many distinct numbers the column held when it turned
 * categorical, and whether it was ever coarsened (then rounding depended on arrival order).
 */
export interface ProfileHistory {
  /** Cells counted as numbers, or as special values matched by their number, while the column was numeric. */
  readonly numericReads: number
  readonly distinctAtConversion: number
  readonly coarsened: boolean
}

/**
 * Levels a categorical column may have before it is taken for an identifier. Binning is O(levels · log levels),
 * but a WoE per id or zip code is noise, and the level table is what grows with the data.
 */
export const DEFAULT_MAX_LEVELS = 10_000

/** Distinct numbers a numeric column keeps exactly before it is coarsened. */
export const DEFAULT_MAX_DISTINCT = 2 ** 18

export interface ProfileOptions {
  readonly categorical: boolean
  readonly special: readonly string[]
  readonly maxDistinct?: number
  /** Categorical levels kept before the column is declared an identifier (default DEFAULT_MAX_LEVELS). */
  readonly maxLevels?: number
}

/** Rounds x to `bits` significant binary digits. */
export function roundMantissa(x: number, bits: number): number {
  if (x === 0 || !Number.isFinite(x)) return x
  const exponent = Math.floor(Math.log2(Math.abs(x)))
  const scale = 2 ** (bits - 1 - exponent)
  return Math.round(x * scale) / scale
}

export class ColumnProfiler {
  private numeric: boolean
  /** Numeric mode: distinct value → slot in goods/bads (dense, in arrival order). */
  private numbers = new DoubleIndex()
  /**
   * Exact numeric mode: a short cell's bytes → its slot in `numbers`, so a text met before is not parsed again
   * (the same bytes always parse to the same double). Emptied when the slots change (coarsening).
   */
  private texts = new ShortCellIndex()
  private readonly levels = new Map<string, number>()
  private goods: number[] = []
  private bads: number[] = []
  private readonly missing: [number, number] = [0, 0]
  private readonly specialCounts = new Map<string, [number, number]>()
  private readonly specialText = new Map<string, string>()
  private readonly specialNumber = new Map<number, string>()
  private readonly hasSpecials: boolean
  private bits: number | null = null
  private readonly maxDistinct: number
  private readonly maxLevels: number
  private overLevelCap = false
  private unsafeInteger: string | undefined
  /** Categorical mode: a cell's raw bytes → its level slot, so a known level is counted without decoding. */
  private byteLevels = new ByteKeyIndex()
  /** Cells read as numbers (or as a special value by their number) while numeric: see ProfileHistory. */
  private numericReads = 0
  /** Distinct numbers held when the column turned categorical (0 if it never did, or from the start). */
  private distinctAtConversion = 0
  private coarsened = false

  constructor(
    readonly name: string,
    options: ProfileOptions,
  ) {
    this.numeric = !options.categorical
    this.maxDistinct = options.maxDistinct ?? DEFAULT_MAX_DISTINCT
    this.maxLevels = options.maxLevels ?? DEFAULT_MAX_LEVELS
    for (const s of options.special) {
      const t = s.trim()
      this.specialText.set(t, t)
      const v = parseNumericCell(t)
      if (!Number.isNaN(v)) this.specialNumber.set(v, t)
    }
    this.hasSpecials = this.specialText.size > 0
  }

  /**
   * Adds one cell with its class (1 = bad, 0 = good). The common cases come first (a number in a
   * numeric column, a known level in a categorical one); they give the same answer as the full
   * order below (missing, special text, special number, number, level) because numbers are never
   * missing tokens and known levels are never missing or special.
   */
  add(cell: string, bad: number): void {
    if (this.overLevelCap) return
    if (this.numeric) {
      const x = parseNumericCell(cell)
      if (Math.abs(x) > Number.MAX_SAFE_INTEGER && isIntegerLiteral(cell)) {
        this.unsafeInteger ??= cell.trim()
        this.becomeCategorical()
        return this.add(cell, bad)
      }
      if (!Number.isNaN(x)) {
        if (!Number.isFinite(x)) throw new NonFiniteCellError(cell)
        if (this.hasSpecials) {
          const st = this.specialText.get(cell.trim()) ?? this.specialNumber.get(x)
          if (st !== undefined) {
            this.numericReads++ // a special by its text would read alike as text; counting it too is merely cautious
            return this.addSpecial(st, bad)
          }
        }
        return this.addNumber(this.bits === null ? x : roundMantissa(x, this.bits), bad)
      }
    } else {
      const slot = this.levels.get(cell)
      if (slot !== undefined) {
        if (bad) this.bads[slot]++
        else this.goods[slot]++
        return
      }
    }
    if (isMissingCell(cell)) {
      this.missing[bad]++
      return
    }
    const st = this.specialText.get(cell.trim())
    if (st !== undefined) return this.addSpecial(st, bad)
    if (this.numeric) this.becomeCategorical()
    let slot = this.levels.get(cell)
    if (slot === undefined) {
      if (this.levels.size >= this.maxLevels) return this.dropLevels()
      slot = this.goods.push(0) - 1
      this.bads.push(0)
      this.levels.set(cell, slot)
    }
    if (bad) this.bads[slot]++
    else this.goods[slot]++
  }

  /**
   * Adds the cell bytes[start, end) (UTF-8) with its class: the same as add(cellText(bytes, start, end), bad).
   * A number within ±(2^53 − 1) that is no special value is counted straight from the bytes; every other cell
   * takes the text path, which is the definition.
   */
  addBytes(bytes: Uint8Array, start: number, end: number, bad: number): void {
    if (this.overLevelCap) return
    if (this.numeric) {
      const x = parseNumericBytes(bytes, start, end)
      // NaN and ±Infinity fail the comparison and take the text path
      if (Math.abs(x) <= Number.MAX_SAFE_INTEGER && !(this.hasSpecials && this.specialNumber.has(x)))
        return this.addNumber(this.bits === null ? x : roundMantissa(x, this.bits), bad)
      return this.add(cellText(bytes, start, end), bad)
    }
    const slot = this.byteLevels.get(bytes, start, end)
    if (slot >= 0) {
      if (bad) this.bads[slot]++
      else this.goods[slot]++
      return
    }
    const text = cellText(bytes, start, end)
    this.add(text, bad)
    const level = this.levels.get(text)
    if (level !== undefined && !this.overLevelCap) this.byteLevels.set(bytes, start, end, level)
  }

  /**
   * Adds rows 0..limit−1 of one column of a byte batch (row r's cell is bytes[starts[k], ends[k]) with
   * k = first + r·width, its class slots[r]): addBytes for every cell, with the common case, a plain number in an
   * exact numeric column without special values, in one loop that keeps the tables in locals. Returns −1, or the
   * row of a number that overflows a double (its NonFiniteCellError in `error`; the rows before it are counted).
   */
  addColumn(
    bytes: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    first: number,
    width: number,
    limit: number,
    slots: Uint8Array,
  ): number {
    let r = 0
    let k = first
    try {
      while (r < limit) {
        if (this.numeric && this.bits === null && !this.hasSpecials && !this.overLevelCap) {
          r = this.addPlainNumbers(bytes, starts, ends, r, k, width, limit, slots)
          k = first + r * width
          if (r >= limit) break
          if (this.bits !== null) continue // coarsened: the general path from here
        }
        this.addBytes(bytes, starts[k], ends[k], slots[r])
        r++
        k += width
      }
    } catch (error) {
      if (!(error instanceof NonFiniteCellError)) throw error
      this.error = error
      return r
    }
    return -1
  }

  /** The error that stopped the last addColumn. */
  error: NonFiniteCellError | undefined

  /**
   * addColumn's loop while the column is plainly numeric: rows from r on until one that is no number within
   * ±(2^53 − 1) (returned, for addBytes to take) or until the distinct values outgrow maxDistinct (coarsened, and
   * the next row returned).
   */
  private addPlainNumbers(
    bytes: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    r: number,
    k: number,
    width: number,
    limit: number,
    slots: Uint8Array,
  ): number {
    const {numbers, goods, bads, maxDistinct, texts} = this
    // indexed by the class slot: no branch on the class, which a random target would mispredict half the time
    const byClass = [goods, bads]
    const from = r
    for (; r < limit; r++, k += width) {
      const start = starts[k]
      const end = ends[k]
      let slot = texts.get(bytes, start, end)
      if (slot < 0) {
        const x = parseNumericBytes(bytes, start, end)
        if (!(Math.abs(x) <= Number.MAX_SAFE_INTEGER)) break
        slot = numbers.indexOf(x)
        if (slot === goods.length) {
          goods.push(0)
          bads.push(0)
          if (numbers.size > maxDistinct) {
            byClass[slots[r]][slot]++
            this.numericReads += r + 1 - from
            this.coarsen()
            return r + 1
          }
        }
        texts.set(bytes, start, end, slot)
      }
      byClass[slots[r]][slot]++
    }
    this.numericReads += r - from
    return r
  }

  private addSpecial(label: string, bad: number): void {
    let c = this.specialCounts.get(label)
    if (!c) this.specialCounts.set(label, (c = [0, 0]))
    c[bad]++
  }

  private addNumber(x: number, bad: number): void {
    this.numericReads++
    const slot = this.numbers.indexOf(x)
    if (slot === this.goods.length) {
      this.goods.push(0)
      this.bads.push(0)
    }
    if (bad) this.bads[slot]++
    else this.goods[slot]++
    if (this.numbers.size > this.maxDistinct) this.coarsen()
  }

  /** Halves the resolution (fewer mantissa bits) until the distinct values fit again. */
  private coarsen(): void {
    this.coarsened = true
    this.texts = new ShortCellIndex()
    while (this.numbers.size > this.maxDistinct / 2) {
      this.bits = this.bits === null ? 24 : this.bits - 1
      const values = this.numbers.keysInOrder()
      const goods = this.goods
      const bads = this.bads
      this.numbers = new DoubleIndex(this.maxDistinct)
      this.goods = []
      this.bads = []
      values.forEach((x, slot) => {
        const s = this.numbers.indexOf(roundMantissa(x, this.bits!))
        if (s === this.goods.length) {
          this.goods.push(0)
          this.bads.push(0)
        }
        this.goods[s] += goods[slot]
        this.bads[s] += bads[slot]
      })
    }
  }

  private becomeCategorical(): void {
    this.numeric = false
    this.distinctAtConversion = this.numbers.size
    this.numbers.keysInOrder().forEach((x, slot) => this.levels.set(String(x), slot))
    this.numbers = new DoubleIndex(16)
    if (this.levels.size > this.maxLevels) this.dropLevels()
  }

  /**
   * Past the level cap: free the level table (memory stays bounded) and ignore the rest of the column. Every count
   * goes, the missing and special ones too: the column is skipped, and counts up to the moment the cap was
   * reached would depend on the order of the rows, which a merge of a file's parts cannot reproduce.
   */
  private dropLevels(): void {
    this.overLevelCap = true
    this.missing[0] = this.missing[1] = 0
    this.specialCounts.clear()
    this.levels.clear()
    this.byteLevels = new ByteKeyIndex()
    this.goods = []
    this.bads = []
  }

  /** How the profile came about, for merging profiles of consecutive parts of a file (./merge-profiles.ts). */
  history(): ProfileHistory {
    return {
      numericReads: this.numericReads,
      distinctAtConversion: this.distinctAtConversion,
      coarsened: this.coarsened,
    }
  }

  finish(): ColumnProfile {
    const entries: [number | string, number][] = this.numeric
      ? this.numbers.keysInOrder().map((x, slot) => [x, slot])
      : [...this.levels]
    entries.sort((a, b) =>
      this.numeric ? (a[0] as number) - (b[0] as number) : compareText(a[0] as string, b[0] as string),
    )
    return {
      name: this.name,
      type: this.numeric ? 'numeric' : 'categorical',
      values: entries.map((e) => e[0]) as number[] | string[],
      goods: Float64Array.from(entries, (e) => this.goods[e[1]]),
      bads: Float64Array.from(entries, (e) => this.bads[e[1]]),
      missing: [this.missing[0], this.missing[1]],
      special: new Map([...this.specialCounts].sort((a, b) => compareText(a[0], b[0]))),
      precisionBits: this.numeric ? this.bits : null,
      overLevelCap: this.overLevelCap,
      ...(this.unsafeInteger !== undefined ? {unsafeInteger: this.unsafeInteger} : {}),
    }
  }
}

/** An optionally signed run of digits, white space around allowed: an integer as an id writes it. */
function isIntegerLiteral(cell: string): boolean {
  return /^[+-]?\d+$/.test(cell.trim())
}

/** Code-unit string order (as numpy/Python sort strings), independent of locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
