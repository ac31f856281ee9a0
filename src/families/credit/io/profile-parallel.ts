/**
 * The profiling pass of a large CSV file on several threads: the data are cut into line-aligned byte ranges
 * (./csv-ranges.ts), the first profiled on this thread and each other on its own worker (./range-profile.ts, run
 * by ./profile-range-worker.ts), and the parts merged in file order into what one pass over the whole file gives.
 * This thread takes a range rather than waiting: it has its modules loaded, while a worker first spends tens of
 * milliseconds starting up, about what this thread spends meanwhile hashing the input for the report.
 * The target's classes take their slots in order of first sight across the ranges; each part's counts are swapped
 * into those slots; rows and class counts add up; each column merges by ../kernels/merge-profiles.ts, which says
 * when a column's parts cannot tell the single pass's profile (it turned from numbers to text in one range while
 * another read numbers, or it was coarsened): those columns are left `undefined` for the caller to profile in a
 * single pass. Every failure of a range (a quote, a bad cell, a ragged row, a third class, a cut inside quotes)
 * makes the whole result undefined: the caller's single pass then reports the error with its line as before. The
 * first bytes that are not UTF-8 are placed in the file by adding the physical lines of the earlier ranges.
 */
import type {ColumnProfile} from '../kernels/column-profile.js'
import {mergeColumnProfiles, swapClasses, type MergeLimits, type ProfilePart} from '../kernels/merge-profiles.js'
import {cutsOutsideQuotes, firstUtf8, splitRanges, type CsvHead, type RangeFacts} from './csv-ranges.js'
import {profileRange, type RangeJob, type RangeReply} from './range-profile.js'
import type {ColumnRules, SlotProfile} from './table-profiler.js'
import type {Utf8Place} from './utf8-check.js'
import {runRangeWorker, workerScript} from './worker-script.js'

/** What to profile: the resolved columns of a CSV file whose header the fast path read. */
export interface RangePlan {
  readonly file: string
  readonly head: CsvHead
  readonly targetName: string
  readonly target: number
  readonly names: readonly string[]
  readonly columns: readonly number[]
  readonly rules: ColumnRules
  readonly limits: MergeLimits
  readonly bad?: string
  readonly parts: number
}

/** The merged parts: classes in order of first sight, a profile per column or undefined (needs a single pass). */
export interface MergedRanges extends Omit<SlotProfile, 'profiles' | 'histories'> {
  readonly profiles: readonly (ColumnProfile | undefined)[]
  readonly utf8: Utf8Place | undefined
}

/** The worker entry, or undefined when it is missing (then there is no fan-out). */
export function rangeWorkerScript(): string | undefined {
  return workerScript('profile-range-worker', import.meta.url)
}

export async function profileRanges(plan: RangePlan, script: string): Promise<MergedRanges | undefined> {
  const ranges = await splitRanges(plan.file, plan.head, plan.parts)
  const abort = new Int32Array(new SharedArrayBuffer(4))
  const [first, ...rest] = ranges.map((range) => jobOf(plan, range, abort))
  const others = rest.map((job) => runRange(script, job)) // the workers start before this thread begins its range
  const replies = [await profileRange(first), ...(await Promise.all(others))]
  const parts: (RangeFacts & {part: SlotProfile})[] = []
  for (const r of replies) if (r.ok) parts.push(r)
  if (parts.length < replies.length || !cutsOutsideQuotes(parts)) return undefined
  const classes: string[] = []
  for (const {part} of parts) for (const c of part.classes) if (!classes.includes(c)) classes.push(c)
  if (classes.length > 2) return undefined
  const swapped = parts.map(({part}) => (part.classes.length > 0 && classes.indexOf(part.classes[0]) === 1 ? 1 : 0))
  const counts: [number, number] = [0, 0]
  parts.forEach(({part}, i) => {
    counts[swapped[i]] += part.counts[0]
    counts[1 - swapped[i]] += part.counts[1]
  })
  const profiles = plan.names.map((_, j) =>
    mergeColumnProfiles(
      parts.map(({part}, i): ProfilePart => {
        const p = part.profiles[j]
        return {profile: swapped[i] ? swapClasses(p) : p, history: part.histories[j]}
      }),
      plan.limits,
    ),
  )
  return {
    rows: parts.reduce((n, {part}) => n + part.rows, 0),
    classes,
    counts,
    profiles,
    utf8: firstUtf8(plan.head, parts),
  }
}

function jobOf(plan: RangePlan, range: [number, number], abort: Int32Array): RangeJob {
  return {
    file: plan.file,
    range,
    crlf: plan.head.crlf,
    width: plan.head.width,
    targetName: plan.targetName,
    target: plan.target,
    names: plan.names,
    columns: plan.columns,
    rules: plan.rules,
    ...(plan.bad !== undefined ? {bad: plan.bad} : {}),
    abort,
  }
}

function runRange(script: string, job: RangeJob): Promise<RangeReply> {
  return runRangeWorker<RangeReply>(script, job)
}
