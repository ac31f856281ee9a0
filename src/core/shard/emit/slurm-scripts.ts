/**
 * Slurm job files of a sharded run: an array job whose task K runs shard K/N, a merge job, and submit.sh, which
 * submits the merge with `--dependency=afterok` on the array (it starts once every task succeeded). Both jobs
 * run in the directory `cluster emit` ran in, so relative paths in the command line mean what they meant there.
 */
import {shellLine, shellQuote} from './shell-words.js'
import {mergeOutputs, partOutputs} from './output-words.js'
import type {JobCommand} from './job-command.js'

export interface SlurmOptions {
  readonly shards: number
  /** Absolute: where the jobs run (#SBATCH --chdir). */
  readonly workdir: string
  /** Absolute: the emitted files, logs/ and parts/. */
  readonly dir: string
  readonly jobName: string
  readonly partition?: string
  readonly time?: string
  readonly cpusPerTask?: number
}

function header(o: SlurmOptions, name: string, output: string, extra: string[] = []): string[] {
  return [
    '#!/bin/bash',
    `#SBATCH --job-name=${name}`,
    ...extra,
    `#SBATCH --chdir=${o.workdir}`,
    `#SBATCH --output=${o.dir}/logs/${output}`,
    ...(o.partition ? [`#SBATCH --partition=${o.partition}`] : []),
    ...(o.time ? [`#SBATCH --time=${o.time}`] : []),
    ...(o.cpusPerTask ? [`#SBATCH --cpus-per-task=${o.cpusPerTask}`] : []),
    'set -euo pipefail',
  ]
}

/** Task K writes parts/part-K.json (atomically: a killed task leaves no part; rerun its index to fill the gap). */
export function slurmArrayScript(command: JobCommand, o: SlurmOptions): string {
  return [
    ...header(o, o.jobName, 'shard-%a.out', [`#SBATCH --array=0-${o.shards - 1}`]),
    `parts=${shellQuote(`${o.dir}/parts`)}`,
    'mkdir -p "$parts"',
    `infolens ${shellLine(command.words)} --shard "\${SLURM_ARRAY_TASK_ID}/${o.shards}"${partOutputs(command, '$parts', '${SLURM_ARRAY_TASK_ID}')} --out "$parts/part-\${SLURM_ARRAY_TASK_ID}.json"`,
    '',
  ].join('\n')
}

/** Merges parts 0..N-1 (a missing one fails with its name) into the command's --out. */
export function slurmMergeScript(command: JobCommand, o: SlurmOptions): string {
  return [
    ...header(o, `${o.jobName}-merge`, 'merge.out'),
    `parts=${shellQuote(`${o.dir}/parts`)}`,
    `infolens report merge "$parts"/part-{0..${o.shards - 1}}.json${mergeOutputs(command)} --out ${shellQuote(command.reportPath)}`,
    '',
  ].join('\n')
}

export function slurmSubmitScript(): string {
  return [
    '#!/bin/bash',
    '# Submits the array job, then the merge job to start after every array task succeeded.',
    'set -euo pipefail',
    'cd "$(dirname "$0")"',
    'array=$(sbatch --parsable slurm-array.sbatch)',
    'array=${array%%;*}',
    'merge=$(sbatch --parsable --dependency=afterok:"$array" slurm-merge.sbatch)',
    'echo "array job ${array}, merge job ${merge%%;*}"',
    '',
  ].join('\n')
}
