/**
 * The envelope of a merged report: the report one machine would have written for the same command line.
 * Inputs, options, engine and seed come from the parts (the fingerprint says they agree); the command loses
 * its shard flags and its --out names the merged file; timings are the parts' sums (plus the merge); a small
 * `sharding` record keeps the plan's provenance.
 */
import {buildReport, type Report} from '../report/envelope.js'
import type {ReadPart} from './read-parts.js'

const SHARD_FLAGS = ['--shard', '--shards']

/** The part's command line as one machine would have run it. */
export function unshardedCommand(command: readonly string[], out: string | undefined): string[] {
  const kept: string[] = []
  for (let i = 0; i < command.length; i++) {
    const arg = command[i]
    const name = arg.split('=')[0]
    if (SHARD_FLAGS.includes(name)) {
      if (!arg.includes('=')) i++
      continue
    }
    if (name === '--out' && out !== undefined) {
      kept.push(arg.includes('=') ? `--out=${out}` : arg, ...(arg.includes('=') ? [] : [out]))
      if (!arg.includes('=')) i++
      continue
    }
    kept.push(arg)
  }
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
  context: {out?: string; mergeSeconds: number; warnings?: readonly string[]},
): Report<R> & {sharding: {plan: string; shards: number}} {
  const first = parts[0].report
  const options = {...first.options}
  if ('out' in options && context.out !== undefined) options.out = context.out
  const warnings = context.warnings ?? [...new Set(parts.flatMap((p) => p.report.warnings ?? []))]
  const report = buildReport({
    schema: first.schema,
    command: unshardedCommand(first.command, context.out),
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
