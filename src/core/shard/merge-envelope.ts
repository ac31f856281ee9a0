/**
 * The envelope of a merged report: the report one machine would have written for the same command line.
 * Inputs, options, engine and seed come from the parts (the fingerprint says they agree); the command loses
 * its shard flags and its --out names the merged file; timings are the parts' sums (plus the merge); a small
 * `sharding` record keeps the plan's provenance.
 */
import {buildReport, type Report} from '../report/envelope.js'
import type {ReadPart} from './read-parts.js'

const SHARD_FLAGS = ['--shard', '--shards']

/**
 * The part's command line as one machine would have run it: shard flags dropped, and each flag in `set`
 * (--out, the NetCDF flag) given the merge's value, replacing the part's or appended when the part had none
 * (--out only replaced); a null value drops the flag (a shard's own NetCDF part that the merge did not join).
 */
export function unshardedCommand(
  command: readonly string[],
  set: Readonly<Record<string, string | null | undefined>>,
): string[] {
  const kept: string[] = []
  const seen = new Set<string>()
  for (let i = 0; i < command.length; i++) {
    const arg = command[i]
    const name = arg.split('=')[0]
    const inline = arg.includes('=')
    if (SHARD_FLAGS.includes(name)) {
      if (!inline) i++
      continue
    }
    const value = set[name]
    if (value !== undefined) {
      if (value !== null) kept.push(...(inline ? [`${name}=${value}`] : [name, value]))
      seen.add(name)
      if (!inline) i++
      continue
    }
    kept.push(arg)
  }
  for (const [name, value] of Object.entries(set))
    if (typeof value === 'string' && !seen.has(name) && name !== '--out') kept.push(name, value)
  return kept
}

function summedTimings(parts: readonly ReadPart[], mergeSeconds: number): Record<string, number> {
  const sum: Record<string, number> = {}
  for (const p of parts) for (const [k, v] of Object.entries(p.report.timings ?? {})) sum[k] = (sum[k] ?? 0) + v
  return {...sum, merge: Math.round(mergeSeconds * 1e6) / 1e6}
}

export function mergeEnvelope<R>(
  parts: readonly ReadPart[],
  result: R,
  context: {
    out?: string
    mergeSeconds: number
    warnings?: readonly string[]
    /** Output flags the merge writes for the command (NetCDF, plan files), and their targets (undefined: none). */
    outputs?: readonly {flag: string; path?: string}[]
  },
): Report<R> & {sharding: {plan: string; shards: number}} {
  const first = parts[0].report
  const options = {...first.options}
  if ('out' in options && context.out !== undefined) options.out = context.out
  for (const {flag, path} of context.outputs ?? []) {
    if (path === undefined) delete options[flag.slice(2)]
    else options[flag.slice(2)] = path
  }
  const warnings = context.warnings ?? [...new Set(parts.flatMap((p) => p.report.warnings ?? []))]
  const report = buildReport({
    schema: first.schema,
    command: unshardedCommand(first.command, {
      '--out': context.out,
      ...Object.fromEntries((context.outputs ?? []).map(({flag, path}) => [flag, path ?? null])),
    }),
    inputs: first.inputs,
    options,
    engine: first.engine,
    seed: first.seed,
    timings: summedTimings(parts, context.mergeSeconds),
    warnings,
    result,
  })
  return {...report, tool: first.tool, sharding: {plan: first.shard.plan, shards: first.shard.count}}
}
