/**
 * Reads the parts of a sharded run for `report merge` and checks that they are one complete plan: every part a
 * whole JSON report with a shard record, one plan fingerprint, each index 0..N-1 exactly once, and the items
 * of all parts covering the plan exactly once. Any problem is one InputError line (exit 2).
 */
import {readFileSync} from 'node:fs'
import {InputError} from '../errors.js'
import {canonicalJson, resultOptions} from './plan-fingerprint.js'
import type {PartialReport} from './partial-report.js'

export interface ReadPart {
  readonly path: string
  readonly report: PartialReport<unknown>
}

function readPart(path: string): ReadPart {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    throw new InputError('file not found or unreadable', {file: path})
  }
  let report: PartialReport<unknown>
  try {
    report = JSON.parse(text) as PartialReport<unknown>
  } catch {
    throw new InputError('not a complete JSON report (truncated or corrupt part)', {file: path})
  }
  const s = report?.shard
  if (typeof report !== 'object' || report === null || typeof report.result !== 'object')
    throw new InputError('not an infolens report', {file: path})
  if (typeof s !== 'object' || s === null || typeof s.plan !== 'string' || !Array.isArray(s.items))
    throw new InputError('not a shard part (no shard record: run with --shard K/N or in a job array)', {file: path})
  return {path, report}
}

/** Why two parts' plans differ, in words (the fingerprints already say that they do). */
function planDifference(a: PartialReport<unknown>, b: PartialReport<unknown>): string {
  if (a.shard.command !== b.shard.command) return `commands differ (${a.shard.command} vs ${b.shard.command})`
  if (a.shard.count !== b.shard.count) return `shard counts differ (${a.shard.count} vs ${b.shard.count})`
  if (canonicalJson(a.inputs) !== canonicalJson(b.inputs)) return 'input files or their checksums differ'
  const [oa, ob] = [resultOptions(a.options), resultOptions(b.options)]
  const keys = [...new Set([...Object.keys(oa), ...Object.keys(ob)])].sort()
  const changed = keys.filter((k) => canonicalJson(oa[k]) !== canonicalJson(ob[k]))
  if (changed.length > 0) return `options differ (${changed.map((k) => `--${k}`).join(', ')})`
  if (a.tool?.version !== b.tool?.version) return `infolens versions differ (${a.tool?.version} vs ${b.tool?.version})`
  return 'plan fingerprints differ'
}

/** The parts, ordered by shard index, after every check. */
export function readParts(paths: readonly string[]): ReadPart[] {
  if (paths.length === 0) throw new InputError('expected at least one part', {field: 'PARTS'})
  const parts = paths.map(readPart)
  const first = parts[0]
  for (const p of parts.slice(1)) {
    if (p.report.shard.plan !== first.report.shard.plan)
      throw new InputError(`from a different plan than ${first.path}: ${planDifference(first.report, p.report)}`, {
        file: p.path,
      })
  }
  const count = first.report.shard.count
  const byIndex = new Map<number, ReadPart>()
  for (const p of parts) {
    const k = p.report.shard.index
    if (!Number.isInteger(k) || k < 0 || k >= count)
      throw new InputError(`shard index ${k} outside 0..${count - 1}`, {file: p.path})
    const seen = byIndex.get(k)
    if (seen) throw new InputError(`duplicate shard ${k}/${count} (also in ${seen.path})`, {file: p.path})
    byIndex.set(k, p)
  }
  const missing = Array.from({length: count}, (_, k) => k).filter((k) => !byIndex.has(k))
  if (missing.length > 0)
    throw new InputError(
      `missing shard(s) ${missing.map((k) => `${k}/${count}`).join(', ')} (rerun those array tasks)`,
      {field: 'PARTS'},
    )
  const ordered = [...byIndex.keys()].sort((a, b) => a - b).map((k) => byIndex.get(k)!)
  checkCoverage(ordered)
  return ordered
}

/** Every item of the plan in exactly one part (a hand-edited or mismatched part fails here). */
function checkCoverage(parts: readonly ReadPart[]): void {
  const total = parts[0].report.shard.total
  const owner = new Array<string | undefined>(total)
  for (const p of parts) {
    for (const i of p.report.shard.items) {
      if (!Number.isInteger(i) || i < 0 || i >= total)
        throw new InputError(`item ${i} outside the plan's ${total} items`, {file: p.path})
      if (owner[i]) throw new InputError(`item ${i} also in ${owner[i]}`, {file: p.path})
      owner[i] = p.path
    }
  }
  const gap = owner.findIndex((o) => o === undefined)
  if (gap >= 0) throw new InputError(`item ${gap} of ${total} is in no part`, {field: 'PARTS'})
}
