/**
 * The profile of a table: the target decoded and every feature column profiled (class counts per distinct value,
 * ../kernels/column-profile.ts), in one streaming pass (./table-profiler.ts) or, for a large CSV file, on worker
 * threads over byte ranges merged into the same result (./profile-parallel.ts). Memory is bounded by the distinct
 * values per column, not by the rows.
 */
import {availableParallelism} from 'node:os'
import {InputError} from '../../../core/errors.js'
import {DEFAULT_MAX_DISTINCT, DEFAULT_MAX_LEVELS, type ColumnProfile} from '../kernels/column-profile.js'
import {swapClasses} from '../kernels/merge-profiles.js'
import {TargetClasses} from '../kernels/target-classes.js'
import {fanOut} from './csv-ranges.js'
import {openTable} from './open-table.js'
import {profileRanges, rangeWorkerScript, type MergedRanges} from './profile-parallel.js'
import {TableProfiler, type SlotProfile} from './table-profiler.js'
import {columnIndex, type TableSource} from './table-source.js'
import {Utf8Check} from './utf8-check.js'

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
  /** Worker threads for a large CSV file (default: the CPU cores; 1 = a single pass in this thread). */
  readonly threads?: number
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

export async function profileTable(file: string, request: ProfileRequest): Promise<TableProfile> {
  const fanned = await profileFannedOut(file, request)
  if (fanned) return fanned
  const source = await openTable(file)
  const profiler = profilerOf(source, request)
  for await (const batch of source.byteBatches()) {
    profiler.add(batch)
    request.onBatch?.(batch.rows)
  }
  return tableOf(file, profiler.finish(), profiler.classes, source.warnings)
}

/** The profiler of the selected columns of a table. */
function profilerOf(source: TableSource, request: ProfileRequest): TableProfiler {
  const {file, header} = source
  const t = columnIndex(source, request.target, 'target')
  const names = selectFeatures(file, header, request.target, request.features, request.exclude)
  const columns = names.map((n) => header.indexOf(n))
  return new TableProfiler(file, request.target, t, names, columns, request, request.bad)
}

/** The profile, classes oriented: goods the good class, bads the bad one (which `classes` tells). */
function tableOf(file: string, slots: SlotProfile, classes: TargetClasses, warnings: readonly string[]): TableProfile {
  const badSlot = classes.badSlot()
  const labels = classes.labels()
  return {
    file,
    rows: slots.rows,
    goods: slots.counts[1 - badSlot],
    bads: slots.counts[badSlot],
    goodLabel: labels.good,
    badLabel: labels.bad,
    profiles: slots.profiles.map((p) => (badSlot === 1 ? p : swapClasses(p))),
    warnings,
  }
}

/**
 * The profile from worker threads over byte ranges (./profile-parallel.ts), when the file is a CSV of at least
 * FANOUT_BYTES (./csv-ranges.ts) with a readable header, more than one thread is allowed and the worker script is there;
 * undefined otherwise, or when a range failed (the single pass then reads the file and reports what is wrong).
 * Columns the parts cannot decide are profiled by a single pass over those columns alone.
 */
export async function profileFannedOut(file: string, request: ProfileRequest): Promise<TableProfile | undefined> {
  const script = rangeWorkerScript()
  const fan = script ? await fanOut(file, request.threads ?? availableParallelism()) : undefined
  if (!script || !fan || !fan.head.header.includes(request.target)) return undefined
  const {head, parts} = fan
  const names = selectFeatures(file, head.header, request.target, request.features, request.exclude)
  const limits = {
    maxDistinct: request.maxDistinct ?? DEFAULT_MAX_DISTINCT,
    maxLevels: request.maxLevels ?? DEFAULT_MAX_LEVELS,
  }
  const plan = {
    file,
    head,
    targetName: request.target,
    target: head.header.indexOf(request.target),
    names,
    columns: names.map((n) => head.header.indexOf(n)),
    rules: {categorical: request.categorical, special: request.special, ...limits},
    limits,
    parts,
    ...(request.bad !== undefined ? {bad: request.bad} : {}),
  }
  const merged = await profileRanges(plan, script)
  if (!merged) return undefined
  const profiles = await fillUndecided(file, request, names, merged)
  if (!profiles) return undefined
  const classes = new TargetClasses(file, request.target, request.bad)
  for (const c of merged.classes) classes.slot(c, 0)
  const warnings: string[] = []
  const utf8 = new Utf8Check(file, warnings)
  utf8.setHeader(head.header)
  if (merged.utf8) utf8.adopt(merged.utf8)
  request.onBatch?.(merged.rows)
  return tableOf(file, {...merged, profiles, histories: []}, classes, warnings)
}

/** The merged profiles, those the parts could not decide taken from one pass over their columns alone. */
async function fillUndecided(
  file: string,
  request: ProfileRequest,
  names: readonly string[],
  merged: MergedRanges,
): Promise<ColumnProfile[] | undefined> {
  const undecided = names.filter((_, j) => merged.profiles[j] === undefined)
  const profiles = [...merged.profiles] as ColumnProfile[]
  if (undecided.length === 0) return profiles
  const source = await openTable(file, {warn: () => undefined})
  const profiler = profilerOf(source, {...request, features: undecided, exclude: []})
  for await (const batch of source.byteBatches()) profiler.add(batch)
  const single = profiler.finish()
  // the single pass's slots follow first sight in the file, as the merged classes do
  if (single.classes.join('\u0000') !== merged.classes.join('\u0000')) return undefined
  undecided.forEach((name, k) => (profiles[names.indexOf(name)] = single.profiles[k]))
  return profiles
}
