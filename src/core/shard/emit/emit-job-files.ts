/** `cluster emit`: writes the Slurm and Kubernetes job files of a sharded command line into one directory. */
import {chmodSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {InputError} from '../../errors.js'
import {writeFileAtomic} from '../../io/atomic-write.js'
import {makeOutputDir} from '../../io/output-paths.js'
import {type MergeOutputFlags, parseJobCommand} from './job-command.js'
import {kubernetesIndexedJob, kubernetesMergeJob, type KubernetesOptions} from './kubernetes-jobs.js'
import {slurmArrayScript, slurmMergeScript, slurmSubmitScript, type SlurmOptions} from './slurm-scripts.js'

export interface EmitRequest {
  readonly argv: readonly string[]
  readonly shardable: readonly string[]
  /** Each shardable command's NetCDF flag (the merge job writes that file). */
  readonly outputFlags?: MergeOutputFlags
  readonly shards: number
  readonly dir: string
  readonly slurm: Pick<SlurmOptions, 'partition' | 'time' | 'cpusPerTask'>
  readonly kubernetes: Pick<KubernetesOptions, 'image' | 'claim' | 'workdir'>
  readonly jobName?: string
}

export interface EmittedJobFiles {
  readonly command: string
  readonly shards: number
  readonly report: string
  readonly files: {
    slurmArray: string
    slurmMerge: string
    submit: string
    kubernetesJob: string
    kubernetesMerge: string
  }
}

export function emitJobFiles(request: EmitRequest): EmittedJobFiles {
  if (!Number.isSafeInteger(request.shards) || request.shards < 1)
    throw new InputError(`expected N >= 1 shards, got ${request.shards}`, {field: '--shards'})
  const command = parseJobCommand(request.argv, request.shardable, request.outputFlags)
  const dir = resolve(request.dir)
  const workdir = process.cwd()
  // #SBATCH lines are not shell-parsed: a space would split the path
  for (const [field, path] of [
    ['--out', dir],
    ['working directory', workdir],
  ])
    if (/\s/.test(path))
      throw new InputError(`expected a path without whitespace, got ${JSON.stringify(path)}`, {field})
  const jobName = request.jobName ?? `infolens-${command.id.replace(':', '-')}`
  const slurm: SlurmOptions = {...request.slurm, shards: request.shards, workdir, dir, jobName}
  const kubernetes: KubernetesOptions = {...request.kubernetes, shards: request.shards, jobName}
  // the project's directory maker: an existing file, a read-only parent… are one-line input errors (exit 2)
  makeOutputDir(dir, '--out')
  makeOutputDir(join(dir, 'logs'), '--out')
  const files = {
    slurmArray: join(dir, 'slurm-array.sbatch'),
    slurmMerge: join(dir, 'slurm-merge.sbatch'),
    submit: join(dir, 'submit.sh'),
    kubernetesJob: join(dir, 'k8s-indexed-job.yaml'),
    kubernetesMerge: join(dir, 'k8s-merge-job.yaml'),
  }
  writeFileAtomic(files.slurmArray, slurmArrayScript(command, slurm))
  writeFileAtomic(files.slurmMerge, slurmMergeScript(command, slurm))
  writeFileAtomic(files.submit, slurmSubmitScript())
  chmodSync(files.submit, 0o755)
  writeFileAtomic(files.kubernetesJob, kubernetesIndexedJob(command, kubernetes))
  writeFileAtomic(files.kubernetesMerge, kubernetesMergeJob(command, kubernetes))
  return {command: command.id, shards: request.shards, report: command.reportPath, files}
}
