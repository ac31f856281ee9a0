/**
 * One streaming pass over a table that decodes the target and profiles every feature
 * column (class counts per distinct value, ../../kernels/credit/column-profile.ts).
 * Memory is bounded by the distinct values per column, not by the rows.
 */
import {InputError} from '../../../core/errors.js'
import {ColumnProfiler, type ColumnProfile} from '../kernels/column-profile.js'
import {TargetClasses} from '../kernels/target-classes.js'
import {NonFiniteCellError} from '../kernels/cell-value.js'
import {openTable} from './open-table.js'
import {columnIndex, type ByteBatch} from './table-source.js'

/** Which columns of a table are read and how: shared by every pass over credit data. */
export interface TableColumnsRequest {
  readonly target: string
  readonly bad?: string
  /** Feature columns (default: every column except the target and `exclude`). */
  readonly features?: readonly string[]
  readonly exclude?: readonly string[]
  readonly categorical: readonly string[]
  readonly special: readonly string[]
}

export interface ProfileRequest extends TableColumnsRequest {
  readonly maxDistinct?: number
  readonly maxLevels?: number
  readonly onBatch?: (rows: number) => void
}

export interface TableProfile {
  readonly file: string
  readonly rows: number
  readonly goods: number
  readonly bads: number
  readonly goodLabel: string
  readonly badLabel: string
  readonly profiles: readonly ColumnProfile[]
  /** The reader's warnings (bytes that are not UTF-8). */
  readonly warnings: readonly string[]
}

/** Resolves --features/--exclude against the header (target never a feature). */
export function selectFeatures(
  file: string,
  header: readonly string[],
  target: string,
  features?: readonly string[],
  exclude: readonly string[] = [],
): string[] {
  const chosen =
    features && features.length > 0 ? [...features] : header.filter((h) => h !== target && !exclude.includes(h))
  for (const f of chosen) if (!header.includes(f)) throw new InputError('feature column not found', {file, field: f})
  return chosen.filter((f) => f !== target)
}

function orient(p: ColumnProfile, badSlot: number): ColumnProfile {
  if (badSlot === 1) return p
  const flip = (c: readonly [number, number]) => [c[1], c[0]] as const
  return {
    ...p,
    goods: p.bads,
    bads: p.goods,
    missing: flip(p.missing),
    special: new Map([...p.special].map(([k, v]) => [k, flip(v)])),
  }
}

export async function profileTable(file: string, request: ProfileRequest): Promise<TableProfile> {
  const source = await openTable(file)
  const t = columnIndex(source, request.target, 'target')
  const names = selectFeatures(file, source.header, request.target, request.features, request.exclude)
  const index = names.map((n) => source.header.indexOf(n))
  const classes = new TargetClasses(file, request.target, request.bad)
  const profilers = names.map(
    (n) =>
      new ColumnProfiler(n, {
        categorical: request.categorical.includes(n),
        special: request.special,
        maxDistinct: request.maxDistinct,
        maxLevels: request.maxLevels,
      }),
  )
  const counts = [0, 0]
  let rows = 0
  let slots = new Uint8Array(0)
  for await (const batch of source.byteBatches()) {
    if (slots.length < batch.rows) slots = new Uint8Array(batch.rows)
    const targetError = classifyRows(batch, t, classes, rows, slots, counts)
    const limit = targetError ? targetError.row : batch.rows
    const cellError = profileColumns(batch, index, profilers, slots, limit, file, rows)
    if (cellError) throw cellError.error
    if (targetError) throw targetError.error
    rows += batch.rows
    request.onBatch?.(batch.rows)
  }
  const badSlot = classes.badSlot()
  const labels = classes.labels()
  return {
    file,
    rows,
    goods: counts[1 - badSlot],
    bads: counts[badSlot],
    goodLabel: labels.good,
    badLabel: labels.bad,
    profiles: profilers.map((p) => orient(p.finish(), badSlot)),
    warnings: source.warnings,
  }
}

/** A batch's first failing row (index in the batch) and its error. */
interface RowError {
  readonly row: number
  readonly error: unknown
}

/** The class slot of every row of the batch into `slots` (and `counts`); stops at the first bad target cell. */
function classifyRows(
  batch: ByteBatch,
  t: number,
  classes: TargetClasses,
  rowsBefore: number,
  slots: Uint8Array,
  counts: number[],
): RowError | undefined {
  const {bytes, starts, ends, width} = batch
  let r = 0
  try {
    for (let k = t; r < batch.rows; r++, k += width) {
      const slot = classes.slotOfBytes(bytes, starts[k], ends[k], rowsBefore + r + 2)
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
function profileColumns(
  batch: ByteBatch,
  index: readonly number[],
  profilers: readonly ColumnProfiler[],
  slots: Uint8Array,
  limit: number,
  file: string,
  rowsBefore: number,
): RowError | undefined {
  const {bytes, starts, ends, width} = batch
  let first: RowError | undefined
  for (let j = 0; j < index.length; j++) {
    const profiler = profilers[j]
    let r = 0
    try {
      for (let k = index[j]; r < limit; r++, k += width) profiler.addBytes(bytes, starts[k], ends[k], slots[r])
    } catch (error) {
      if (!(error instanceof NonFiniteCellError)) throw error
      first = {
        row: r,
        error: new InputError(`line ${rowsBefore + r + 2}: ${error.message}`, {file, field: profiler.name}),
      }
      limit = r // later columns matter only for earlier rows
    }
  }
  return first
}
