/**
 * A shard's partial report: the family's report over its share of the work, plus a top-level `shard` record
 * (plan fingerprint, K/N, the items it ran). `report merge` reads these back.
 */
import type {Report} from '../report/envelope.js'
import {planFingerprint} from './plan-fingerprint.js'
import type {ShardSpec} from './shard-spec.js'

export interface ShardRecord {
  /** oclif command id of the run, e.g. `spectral:analyze`; selects the merger. */
  readonly command: string
  readonly plan: string
  readonly index: number
  readonly count: number
  /** Indices (in the plan's natural order) of the work items this shard ran. */
  readonly items: readonly number[]
  /** Items in the whole plan. */
  readonly total: number
}

export type PartialReport<R> = Report<R> & {readonly shard: ShardRecord}

/** Adds the shard record to a report; the shard flags leave `options` (they are bookkeeping). */
export function attachShard<R>(
  report: Report<R>,
  command: string,
  spec: ShardSpec,
  work: {items: readonly number[]; total: number},
): PartialReport<R> {
  const options = Object.fromEntries(Object.entries(report.options).filter(([k]) => k !== 'shard' && k !== 'shards'))
  const plan = planFingerprint({
    command,
    version: report.tool.version,
    inputs: report.inputs,
    options,
    count: spec.count,
  })
  return {
    ...report,
    options,
    shard: {command, plan, index: spec.index, count: spec.count, items: [...work.items], total: work.total},
  }
}
