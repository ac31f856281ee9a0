/**
 * `kappa plan --shard K/N`: the shard solves its share of the candidate tensors (balanced by matrices·N·M·
 * min(N,M), the SVD cost) and writes their summaries; `report merge` then makes the budget selection once over
 * all tensors with the single-machine buildPlan. Summaries keep ±Infinity and NaN (κ of a rank-deficient
 * matrix) through JSON as {"nonFinite": "Infinity"}, so the merge ranks exactly what one machine ranks.
 */
import {InputError} from '../../core/errors.js'
import {itemsOfShard} from '../../core/shard/partition.js'
import type {MergedResult} from '../../core/shard/result-merger.js'
import type {ShardSpec} from '../../core/shard/shard-spec.js'
import {Checkpoint} from '../../core/checkpoint/index.js'
import {buildPlan, type PlanOptions, type ScannedTensor} from './kernels/build-plan.js'
import type {CandidateOptions} from './kernels/candidate-rules.js'
import {classifyEntry} from './io/checkpoint-spectra.js'
import type {PlanRequest} from './flags.js'
import {scanForPlan, type KappaPlanResult, type PlanEnvironment} from './pipeline.js'

export interface KappaPartialResult {
  readonly model: string
  /** Every tensor's classification; summaries only for this shard's candidates (non-finite numbers encoded). */
  readonly tensors: unknown
  readonly plan_options: unknown
  readonly compute: KappaPlanResult['compute']
}

function encoded(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? {nonFinite: String(v)} : v)),
  )
}

function decoded<T>(value: unknown): T {
  return JSON.parse(JSON.stringify(value), (_, v) =>
    v !== null && typeof v === 'object' && typeof v.nonFinite === 'string' && Object.keys(v).length === 1
      ? Number(v.nonFinite)
      : v,
  ) as T
}

/** Tensor positions of the candidates that shard `spec` solves. */
function shardCandidates(spec: ShardSpec) {
  return (checkpoint: Checkpoint, options: CandidateOptions): ReadonlySet<number> => {
    const candidates = checkpoint.tensors.flatMap((e, i) => {
      const c = classifyEntry(e, options)
      return c.candidate ? [{i, cost: c.matrices * c.rows * c.cols * Math.min(c.rows, c.cols)}] : []
    })
    const mine = itemsOfShard(
      candidates.map((c) => c.cost),
      spec.index,
      spec.count,
    )
    return new Set(mine.map((k) => candidates[k].i))
  }
}

export async function planCheckpointShard(path: string, request: PlanRequest, env: PlanEnvironment, spec: ShardSpec) {
  const s = await scanForPlan(path, request, env, shardCandidates(spec))
  const planOptions: PlanOptions = {...request.options, tiedHeadMissing: s.tiedHeadMissing}
  const result: KappaPartialResult = {
    model: path,
    tensors: encoded(s.scan.tensors),
    plan_options: encoded(planOptions),
    compute: s.compute,
  }
  return {result, files: s.files, work: {items: [...s.items], total: s.candidates}}
}

export function mergeKappaResults(parts: readonly unknown[]): MergedResult<KappaPlanResult> {
  const results = parts as readonly KappaPartialResult[]
  const scans = results.map((r) => decoded<ScannedTensor[]>(r.tensors))
  if (!scans.every((t) => Array.isArray(t) && t.length === scans[0].length))
    throw new InputError('expected kappa parts that list the same tensors', {field: 'PARTS'})
  const tensors = scans[0].map((t, i) => {
    const owners = scans.filter((scan) => scan[i].summary !== undefined)
    if (t.classification.candidate && owners.length !== 1)
      throw new InputError(`tensor ${t.name} is solved in ${owners.length} parts`, {field: 'PARTS'})
    return owners[0]?.[i] ?? t
  })
  const plan = buildPlan(tensors, decoded<PlanOptions>(results[0].plan_options))
  const sum = (key: 'solves' | 'cache_hits' | 'cache_hits_gram' | 'gram_rejected') =>
    results.reduce((n, r) => n + r.compute[key], 0)
  const first = results[0].compute
  const compute = {
    solves: sum('solves'),
    cache_hits: sum('cache_hits'),
    cache_hits_gram: sum('cache_hits_gram'),
    gram_rejected: sum('gram_rejected'),
    routes: {
      gram: results.reduce((n, r) => n + (r.compute.routes?.gram ?? 0), 0),
      gram_lu: results.reduce((n, r) => n + (r.compute.routes?.gram_lu ?? 0), 0),
      svd: results.reduce((n, r) => n + (r.compute.routes?.svd ?? 0), 0),
    },
    cache: first.cache,
    solver: first.solver,
  }
  return {result: {model: results[0].model, ...plan, compute}, warnings: plan.warnings}
}
