/**
 * The fingerprint of a sharded plan: what every shard must agree on for their parts to merge. It covers the
 * command, the tool version, the input files (path, size, SHA-256), the options that change results and N;
 * never K, so all shards of one plan share it.
 */
import {createHash} from 'node:crypto'
import type {ReportInput} from '../io/checksum.js'

/**
 * Options that say how a run was presented or split, not what it computed. The NetCDF flags name each
 * shard's own part file, so they differ between the shards of one plan.
 */
export const BOOKKEEPING_OPTIONS: readonly string[] = [
  'shard',
  'shards',
  'out',
  'json',
  'quiet',
  'debug',
  'threads',
  'netcdf',
  'nc',
]

export interface PlanParts {
  /** oclif command id, e.g. `spectral:analyze`. */
  readonly command: string
  readonly version: string
  readonly inputs: readonly ReportInput[]
  readonly options: Readonly<Record<string, unknown>>
  readonly count: number
}

/** JSON with object keys sorted at every depth (undefined values dropped), so equal plans hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** The options that enter the fingerprint. */
export function resultOptions(options: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).filter(([k]) => !BOOKKEEPING_OPTIONS.includes(k)))
}

/** `sha256:<hex>` of the canonical plan. */
export function planFingerprint(plan: PlanParts): string {
  const canonical = canonicalJson({
    command: plan.command,
    version: plan.version,
    inputs: plan.inputs.map(({path, bytes, sha256}) => ({path, bytes, sha256})),
    options: resultOptions(plan.options),
    count: plan.count,
  })
  return `sha256:${createHash('sha256').update(canonical).digest('hex')}`
}
