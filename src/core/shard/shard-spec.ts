/**
 * Which shard of a plan this process runs: `--shard K/N` (0-based), else the scheduler's environment.
 * Slurm job arrays give SLURM_ARRAY_TASK_ID with SLURM_ARRAY_TASK_COUNT or MIN/MAX; Kubernetes Indexed
 * Jobs give only JOB_COMPLETION_INDEX, so N then comes from `--shards N`. `--shard off` opts out inside
 * an array job that uses its index for something else.
 */
import {InputError} from '../errors.js'

export interface ShardSpec {
  /** 0-based index of this shard. */
  readonly index: number
  /** Number of shards in the plan (>= 1). */
  readonly count: number
}

export interface ShardRequest {
  /** `K/N`, or `off`. */
  readonly shard?: string
  /** N for JOB_COMPLETION_INDEX (or to check the environment's N). */
  readonly shards?: number
}

type Environment = Readonly<Record<string, string | undefined>>

function wholeNumber(text: string | undefined, field: string): number | undefined {
  if (text === undefined || text.trim() === '') return undefined
  if (!/^\d+$/.test(text.trim())) throw new InputError(`expected a whole number, got ${JSON.stringify(text)}`, {field})
  return Number(text.trim())
}

function checked(index: number, count: number, field: string): ShardSpec {
  if (!Number.isSafeInteger(count) || count < 1) throw new InputError(`expected N >= 1 shards, got ${count}`, {field})
  if (!Number.isSafeInteger(index) || index < 0 || index >= count)
    throw new InputError(`expected 0 <= K < N, got K = ${index} with N = ${count}`, {field})
  return {index, count}
}

/** Parses `K/N` (0 <= K < N). */
export function parseShard(text: string): ShardSpec {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text)
  if (!m)
    throw new InputError(`expected K/N (0-based shard K of N, e.g. 0/4) or off, got ${JSON.stringify(text)}`, {
      field: '--shard',
    })
  return checked(Number(m[1]), Number(m[2]), '--shard')
}

/** The shard of a Slurm array task, or undefined outside one. */
function slurmShard(env: Environment, shards: number | undefined): ShardSpec | undefined {
  const id = wholeNumber(env.SLURM_ARRAY_TASK_ID, 'SLURM_ARRAY_TASK_ID')
  if (id === undefined) return undefined
  const min = wholeNumber(env.SLURM_ARRAY_TASK_MIN, 'SLURM_ARRAY_TASK_MIN')
  const max = wholeNumber(env.SLURM_ARRAY_TASK_MAX, 'SLURM_ARRAY_TASK_MAX')
  const taskCount = wholeNumber(env.SLURM_ARRAY_TASK_COUNT, 'SLURM_ARRAY_TASK_COUNT')
  const count = taskCount ?? (min !== undefined && max !== undefined ? max - min + 1 : shards)
  if (count === undefined)
    throw new InputError('SLURM_ARRAY_TASK_ID is set without SLURM_ARRAY_TASK_COUNT or MIN/MAX: pass --shards N', {
      field: '--shard',
    })
  if (shards !== undefined && shards !== count)
    throw new InputError(`--shards ${shards} disagrees with the Slurm array's ${count} tasks`, {field: '--shards'})
  return checked(id - (min ?? 0), count, 'SLURM_ARRAY_TASK_ID')
}

/** The shard this process runs, or undefined for an unsharded run. */
export function resolveShard(request: ShardRequest, env: Environment = process.env): ShardSpec | undefined {
  if (request.shards !== undefined && (!Number.isSafeInteger(request.shards) || request.shards < 1))
    throw new InputError(`expected N >= 1 shards, got ${request.shards}`, {field: '--shards'})
  if (request.shard?.trim() === 'off') return undefined
  if (request.shard !== undefined) {
    const spec = parseShard(request.shard)
    if (request.shards !== undefined && request.shards !== spec.count)
      throw new InputError(`--shards ${request.shards} disagrees with --shard ${request.shard}`, {field: '--shards'})
    return spec
  }
  const slurm = slurmShard(env, request.shards)
  if (slurm) return slurm
  const index = wholeNumber(env.JOB_COMPLETION_INDEX, 'JOB_COMPLETION_INDEX')
  if (index !== undefined) {
    if (request.shards === undefined)
      throw new InputError(
        'JOB_COMPLETION_INDEX is set: pass --shards N (Kubernetes gives only the index), or --shard off',
        {
          field: '--shards',
        },
      )
    return checked(index, request.shards, 'JOB_COMPLETION_INDEX')
  }
  if (request.shards !== undefined)
    throw new InputError(
      '--shards N needs SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX; outside a scheduler use --shard K/N',
      {
        field: '--shards',
      },
    )
  return undefined
}
