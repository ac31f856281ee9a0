/**
 * `--shard K/N` and `--shards N`, shared by the commands that split their work over job-array tasks.
 * Beside the base command (outside src/commands/, which oclif loads as commands).
 */
import {Flags} from '@oclif/core'

export const shardFlags = {
  shard: Flags.string({
    summary:
      'Run shard K of N (0-based) and write a partial report for `report merge`; default: from SLURM_ARRAY_TASK_ID (with SLURM_ARRAY_TASK_COUNT or MIN/MAX) or JOB_COMPLETION_INDEX (with --shards); `off` ignores them.',
    helpValue: 'K/N',
    helpGroup: 'SHARDING',
  }),
  shards: Flags.integer({
    summary: 'N shards, for JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs give only the index).',
    helpValue: 'N',
    helpGroup: 'SHARDING',
  }),
}
