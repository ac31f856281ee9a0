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
import {columnIndex} from './table-source.js'

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
  for await (const batch of source.batches()) {
    for (const record of batch) {
      const slot = classes.slot(record[t], rows + 2)
      counts[slot]++
      for (let j = 0; j < index.length; j++) addCell(profilers[j], record[index[j]], slot, file, rows + 2)
      rows++
    }
    request.onBatch?.(batch.length)
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
  }
}

/** Adds one cell; a non-finite number becomes a one-line input error naming the file, line and column. */
function addCell(profiler: ColumnProfiler, cell: string, slot: number, file: string, line: number): void {
  try {
    profiler.add(cell, slot)
  } catch (error) {
    if (!(error instanceof NonFiniteCellError)) throw error
    throw new InputError(`line ${line}: ${error.message}`, {file, field: profiler.name})
  }
}
