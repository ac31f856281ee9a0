/**
 * The profiling of byte batches: the target's class slot per row, then every feature column's profile
 * (../kernels/column-profile.ts). Shared by the single pass over a whole table (./profile-table.ts) and by the
 * worker that profiles one byte range of a CSV file (./profile-range-worker.ts); the parts' results are merged by
 * ../kernels/merge-profiles.ts. Classes are kept by slot (first value seen first), as TargetClasses assigns them;
 * which slot is bad is decided once the whole table was seen.
 */
import {InputError} from '../../../core/errors.js'
import {ColumnProfiler, type ColumnProfile, type ProfileHistory} from '../kernels/column-profile.js'
import {TargetClasses} from '../kernels/target-classes.js'
import type {ByteBatch} from './table-source.js'

/** How the feature columns are profiled. */
export interface ColumnRules {
  readonly categorical: readonly string[]
  readonly special: readonly string[]
  readonly maxDistinct?: number
  readonly maxLevels?: number
}

/** What a table (or a part of one) gave, classes by slot. */
export interface SlotProfile {
  readonly rows: number
  /** Target values by slot. */
  readonly classes: readonly string[]
  /** Rows per slot. */
  readonly counts: readonly [number, number]
  /** Per feature, goods = slot 0 and bads = slot 1. */
  readonly profiles: readonly ColumnProfile[]
  readonly histories: readonly ProfileHistory[]
}

export class TableProfiler {
  readonly classes: TargetClasses
  private readonly profilers: ColumnProfiler[]
  private readonly counts: [number, number] = [0, 0]
  private rows = 0
  private slots = new Uint8Array(0)

  /**
   * @param target the target's column index; `columns` the features' indices, named `names`.
   */
  constructor(
    private readonly file: string,
    targetName: string,
    private readonly target: number,
    names: readonly string[],
    private readonly columns: readonly number[],
    rules: ColumnRules,
    bad?: string,
  ) {
    this.classes = new TargetClasses(file, targetName, bad)
    this.profilers = names.map(
      (n) =>
        new ColumnProfiler(n, {
          categorical: rules.categorical.includes(n),
          special: rules.special,
          maxDistinct: rules.maxDistinct,
          maxLevels: rules.maxLevels,
        }),
    )
  }

  /** Adds a batch; throws the first bad cell (a row-by-row pass's first) as an InputError naming its line. */
  add(batch: ByteBatch): void {
    if (this.slots.length < batch.rows) this.slots = new Uint8Array(batch.rows)
    const targetError = this.classifyRows(batch)
    const limit = targetError ? targetError.row : batch.rows
    const cellError = this.profileColumns(batch, limit)
    if (cellError) throw cellError.error
    if (targetError) throw targetError.error
    this.rows += batch.rows
  }

  finish(): SlotProfile {
    return {
      rows: this.rows,
      classes: [...this.classes.seen()],
      counts: [this.counts[0], this.counts[1]],
      profiles: this.profilers.map((p) => p.finish()),
      histories: this.profilers.map((p) => p.history()),
    }
  }

  /** The class slot of every row of the batch into `slots` (and `counts`); stops at the first bad target cell. */
  private classifyRows(batch: ByteBatch): RowError | undefined {
    const {bytes, starts, ends, width} = batch
    const {slots, counts, classes} = this
    let r = 0
    try {
      for (let k = this.target; r < batch.rows; r++, k += width) {
        const slot = classes.slotOfBytes(bytes, starts[k], ends[k], this.rows + r + 2)
        slots[r] = slot
        counts[slot]++
      }
    } catch (error) {
      return {row: r, error}
    }
    return undefined
  }

  /**
   * Adds the batch's first `limit` rows column by column: one column's profiler (its hash table) stays in cache for
   * a whole batch, which row by row, visiting every column's table in turn, it did not. A non-finite number becomes
   * a one-line input error naming the file, line and column; errors are reported as a row-by-row pass meets them:
   * the earliest row, and within a row the first column (the target's own error, found first, counts as column −1).
   */
  private profileColumns(batch: ByteBatch, limit: number): RowError | undefined {
    const {bytes, starts, ends, width} = batch
    const slots = this.slots
    let first: RowError | undefined
    for (let j = 0; j < this.columns.length; j++) {
      const profiler = this.profilers[j]
      const r = profiler.addColumn(bytes, starts, ends, this.columns[j], width, limit, slots)
      if (r < 0) continue
      const message = `line ${this.rows + r + 2}: ${profiler.error!.message}`
      first = {row: r, error: new InputError(message, {file: this.file, field: profiler.name})}
      limit = r // later columns matter only for earlier rows
    }
    return first
  }
}

/** A batch's first failing row (index in the batch) and its error. */
interface RowError {
  readonly row: number
  readonly error: unknown
}
