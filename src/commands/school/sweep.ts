import {Flags} from '@oclif/core'
import {InfolensCommand} from '../../base-command.js'
import {canonicalConfigNames} from '../../families/school/kernels/school-parameters.js'
import type {Report} from '../../core/report/envelope.js'
import {integerFlag} from '../../core/cli/numeric-flags.js'
import {schoolModelFlags, schoolOverrides} from '../../families/school/flags.js'
import {creationTime, resolveParameters} from '../../families/school/pipeline/simulate.js'
import {parseSweep, runSweep, writeSweepNetcdf, type SweepRow} from '../../families/school/pipeline/sweep.js'
import {renderTable} from '../../core/terminal/terminal.js'
import {InputError} from '../../core/errors.js'
import {attachShard} from '../../core/shard/partial-report.js'
import {resolveShard} from '../../core/shard/shard-spec.js'
import {runSweepShard, type PartialSweepRow} from '../../families/school/pipeline/sweep-shard.js'
import {shardFlags} from '../../shard-flags.js'

interface Result {
  parameter: string
  seeds: number[]
  statistic: string
  rows: SweepRow[] | PartialSweepRow[]
  netcdf: string | null
}

export default class SchoolSweep extends InfolensCommand<Report<Result>> {
  static override summary =
    'Sweep one parameter over seeded runs: phase diagram of P, M and OSI (second-half means); with --threads N the runs go to N worker threads (default: this thread).'
  static override examples = [
    '<%= config.bin %> school sweep --param noise=0.0:0.5:11 --config swarm --seeds 5 --steps 300 --nc sweep.nc',
  ]
  static override flags = {
    param: Flags.string({required: true, summary: 'NAME=START:STOP:COUNT (config key, e.g. noise=0.0:0.5:11).'}),
    seeds: integerFlag({min: 1, max: 1000, default: 1, summary: 'Runs per value (seed, seed+1, ...).'}),
    config: Flags.option({options: canonicalConfigNames, summary: 'Canonical parameter set (default swarm).'})(),
    params: Flags.string({summary: 'JSON file of parameters.', helpValue: 'FILE.json'}),
    ...schoolModelFlags,
    centroid: Flags.option({
      options: ['naive', 'periodic'] as const,
      default: 'periodic' as const,
      summary: 'Centroid for M.',
    })(),
    nc: Flags.string({summary: 'Write the table as NetCDF (dims value, seed).', helpValue: 'FILE.nc'}),
    ...shardFlags,
  }

  async run(): Promise<Report<Result>> {
    const {flags} = await this.parseWithBase(SchoolSweep)
    const overrides = schoolOverrides(flags)
    const base = resolveParameters({config: flags.config, paramsFile: flags.params, overrides})
    const spec = parseSweep(flags.param, base)
    const shard = resolveShard(flags)
    if (shard && flags.nc)
      throw new InputError('a shard writes no NetCDF table: write it at the merge (report merge PARTS --netcdf FILE)', {
        field: '--nc',
      })
    const bar = this.progress(spec.values.length * flags.seeds, 'sweep')
    const threads = flags.threads ?? 1
    const {rows, work} = await this.stopwatch.time('sweep', async () =>
      shard
        ? runSweepShard(base, spec, flags.seeds, flags.centroid, threads, shard, () => bar.tick())
        : {rows: await runSweep(base, spec, flags.seeds, flags.centroid, threads, () => bar.tick()), work: undefined},
    )
    bar.stop()
    if (flags.nc && !shard)
      await writeSweepNetcdf(flags.nc, base, spec, flags.seeds, rows as SweepRow[], creationTime())
    const result: Result = {
      parameter: spec.key,
      seeds: Array.from({length: flags.seeds}, (_, s) => base.seed + s),
      statistic: 'second-half mean',
      rows,
      netcdf: flags.nc ?? null,
    }
    const report = await this.envelope({
      schema: 'infolens.school/1',
      inputs: flags.params ? [flags.params] : [],
      options: this.optionsAsTyped(flags),
      seed: base.seed,
      result,
    })
    const render = (r: Report<Result>) =>
      renderTable(
        [r.result.parameter, 'P', 'M', 'OSI'],
        r.result.rows.map((x) => [x.value, x.mean.polarization, x.mean.rotation, x.mean.oceanic_schooling_index]),
      )
    if (shard && work) return this.emit(attachShard(report, 'school:sweep', shard, work), render)
    return this.emit(report, render)
  }
}
