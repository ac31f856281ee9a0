import {Flags} from '@oclif/core'
import {InfolensCommand} from '../../base-command.js'
import {emitJobFiles, type EmittedJobFiles} from '../../core/shard/emit/emit-job-files.js'
import {mergeableCommands, mergeOutputFlags} from '../../report-render/merge-registry.js'

export default class ClusterEmit extends InfolensCommand<EmittedJobFiles> {
  static override summary =
    'Write Slurm array + merge job scripts and Kubernetes Indexed Job manifests for a sharded infolens command line.'
  static override description =
    'The command line after -- runs as N shards (--shard K/N on Slurm, JOB_COMPLETION_INDEX with --shards N on Kubernetes); a dependent job merges the parts into the report the command would write on one machine (its --out, else report.json). Slurm jobs run in the current directory. See docs/cluster.md. Exit codes: 0 ok, 2 bad input, 1 internal error.'
  static override examples = [
    '<%= config.bin %> cluster emit --shards 4 --out jobs -- spectral analyze ckpt/ --no-cache --out report.json && jobs/submit.sh',
    '<%= config.bin %> cluster emit --shards 16 --out jobs --image ghcr.io/me/infolens:0.1 -- school sweep --param noise=0:0.5:64 --seeds 8',
  ]
  static override strict = false
  /** --out here is the folder of job files; an existing one is reused. */
  static override outputFlags = {out: 'dir'} as const
  static override flags = {
    shards: Flags.integer({required: true, summary: 'Number of shards N (array tasks, indexed pods).', helpValue: 'N'}),
    out: Flags.string({required: true, summary: 'Directory for the job files, logs/ and parts/.', helpValue: 'DIR'}),
    name: Flags.string({summary: 'Job name (default infolens-<topic>-<verb>).'}),
    partition: Flags.string({summary: 'Slurm partition (#SBATCH --partition).', helpGroup: 'SLURM'}),
    time: Flags.string({summary: 'Slurm time limit per task (#SBATCH --time).', helpGroup: 'SLURM'}),
    'cpus-per-task': Flags.integer({min: 1, summary: 'Slurm CPUs per task.', helpGroup: 'SLURM'}),
    image: Flags.string({
      default: 'infolens:latest',
      summary: 'Container image with infolens.',
      helpGroup: 'KUBERNETES',
    }),
    claim: Flags.string({
      default: 'infolens-work',
      summary: 'PersistentVolumeClaim with the inputs, parts and report.',
      helpGroup: 'KUBERNETES',
    }),
    workdir: Flags.string({
      default: '/work',
      summary: 'Mount path of the claim and working directory.',
      helpGroup: 'KUBERNETES',
    }),
  }

  async run(): Promise<EmittedJobFiles> {
    // the command line after -- is taken as typed: oclif would pick its flags (--out, --json) as ours
    const dash = this.argv.indexOf('--')
    const commandLine = dash < 0 ? [] : this.argv.slice(dash + 1)
    const {flags} = await this.parseWithBase(ClusterEmit, dash < 0 ? this.argv : this.argv.slice(0, dash))
    const result = emitJobFiles({
      argv: commandLine,
      shardable: mergeableCommands,
      outputFlags: mergeOutputFlags,
      shards: flags.shards,
      dir: flags.out,
      slurm: {partition: flags.partition, time: flags.time, cpusPerTask: flags['cpus-per-task']},
      kubernetes: {image: flags.image, claim: flags.claim, workdir: flags.workdir},
      jobName: flags.name,
    })
    if (this.humanOutput)
      this.log(
        `Wrote ${Object.values(result.files).join(', ')}\nSlurm: ${result.files.submit}\nKubernetes: kubectl apply -f ${result.files.kubernetesJob}, then (once complete) -f ${result.files.kubernetesMerge}`,
      )
    return result
  }
}
