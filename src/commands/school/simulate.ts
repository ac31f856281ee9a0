import {availableParallelism} from 'node:os'
import {Flags} from '@oclif/core'
import {InfolensCommand} from '../../base-command.js'
import {tensorflow} from '../../core/engine/tensor-engine.js'
import {canonicalConfigNames} from '../../families/school/kernels/school-parameters.js'
import {defaultStepThreads} from '../../families/school/threads/threaded-couzin-step.js'
import type {Report} from '../../core/report/envelope.js'
import {renderSimulation} from '../../families/school/render/terminal.js'
import {ensembleFlag, schoolModelFlags, schoolOverrides} from '../../families/school/flags.js'
import {
  checkEnsembleSeeds,
  creationTime,
  resolveParameters,
  runSchool,
  type SimulationResult,
} from '../../families/school/pipeline/simulate.js'
import {writeSchoolPlot} from '../../families/school/render/plot.js'
import {allPairsWarning} from '../../families/school/pipeline/all-pairs-warning.js'
import {checkEnsembleShard, runEnsembleShard} from '../../families/school/pipeline/ensemble-shard.js'
import {attachShard} from '../../core/shard/partial-report.js'
import {resolveShard} from '../../core/shard/shard-spec.js'
import {shardFlags} from '../../shard-flags.js'

export default class SchoolSimulate extends InfolensCommand<Report<SimulationResult>> {
  static override summary =
    'Simulate the 3-D Couzin fish school (dewi-kadita model, seeded) and its entropy diagnostics.'
  static override examples = [
    '<%= config.bin %> school simulate --config highly-parallel --nc run.nc --plot run.svg',
    '<%= config.bin %> school simulate --params my.json --noise 0.3 --json',
  ]
  static override flags = {
    config: Flags.option({options: canonicalConfigNames, summary: 'Canonical parameter set (default swarm).'})(),
    params: Flags.string({
      summary: 'JSON file of parameters (dewi-kadita config keys); flags override it.',
      helpValue: 'FILE.json',
    }),
    ...schoolModelFlags,
    nc: Flags.string({
      summary: 'Write the trajectory and metrics as CDF-2 NetCDF (streamed, atomic).',
      helpValue: 'FILE.nc',
    }),
    plot: Flags.string({summary: 'Write an SVG time series of P, M, OSI and the entropies.', helpValue: 'FILE.svg'}),
    centroid: Flags.option({
      options: ['naive', 'periodic'] as const,
      default: 'periodic' as const,
      summary: 'Centroid for M, spread, H_ang, H_shape (naive = dewi-kadita).',
    })(),
    search: Flags.option({
      options: ['auto', 'all-pairs', 'grid'] as const,
      default: 'auto' as const,
      summary: 'Neighbour search (results are identical).',
    })(),
    precision: Flags.option({
      options: ['float64', 'float32'] as const,
      default: 'float64' as const,
      summary: 'float64: CPU reference kernel; float32: tfjs tensor kernel on the --backend engine, members batched.',
    })(),
    ensemble: ensembleFlag,
    ...shardFlags,
  }

  async run(): Promise<Report<SimulationResult>> {
    const {flags} = await this.parseWithBase(SchoolSimulate)
    const overrides = schoolOverrides(flags)
    const p = resolveParameters({config: flags.config, paramsFile: flags.params, overrides})
    const members = checkEnsembleSeeds(flags.ensemble, p)
    const shard = resolveShard(flags)
    if (shard) {
      checkEnsembleShard(members, flags)
      const {result, work} = await this.stopwatch.time('simulate', () =>
        runEnsembleShard(p, members, shard, {
          centroid: flags.centroid,
          search: flags.search,
          createdAt: creationTime(),
        }),
      )
      const options = this.optionsAsTyped(flags)
      const part = await this.envelope({
        schema: 'infolens.school/1',
        inputs: flags.params ? [flags.params] : [],
        options,
        seed: p.seed,
        result,
      })
      return this.emit(
        attachShard(part, 'school:simulate', shard, work),
        () => `shard ${shard.index}/${shard.count}: members ${work.items.join(', ')}`,
      ) as unknown as Report<SimulationResult>
    }
    const tensor = flags.precision === 'float32' ? (await this.engine(), await tensorflow()) : undefined
    const warning = tensor ? undefined : allPairsWarning(p, flags.search)
    // on stderr also under --json (oclif's logToStderr is silent there): the run may take hours
    if (warning) process.stderr.write(`infolens: warning: ${warning}\n`)
    const bar = this.progress(p.n_steps / p.save_interval + 1, 'simulate')
    const run = await this.stopwatch.time('simulate', () =>
      runSchool(p, {
        centroid: flags.centroid,
        search: flags.search,
        threads: flags.threads ?? defaultStepThreads(p.n_fish, availableParallelism()),
        netcdf: flags.nc,
        members,
        tensor,
        createdAt: creationTime(),
        onFrame: () => bar.tick(),
      }),
    )
    bar.stop()
    if (flags.plot)
      await this.stopwatch.time('plot', () => writeSchoolPlot(flags.plot!, p.scenario_name, run.time, run.series))
    const {time: _t, series: _s, ensemble, ...rest} = run
    const result: SimulationResult = {
      ...rest,
      ensemble: ensemble ?? null,
      netcdf: flags.nc ?? null,
      plot: flags.plot ?? null,
    }
    const report = await this.envelope({
      schema: 'infolens.school/1',
      inputs: flags.params ? [flags.params] : [],
      options: this.optionsAsTyped(flags),
      seed: p.seed,
      warnings: warning ? [warning] : [],
      result,
    })
    return this.emit(report, (r) => renderSimulation(r.result, p))
  }
}
