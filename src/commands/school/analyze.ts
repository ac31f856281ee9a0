import {Args, Flags} from '@oclif/core'
import {InfolensCommand} from '../../base-command.js'
import {floatFlag} from '../../core/cli/numeric-flags.js'
import {readTrajectory} from '../../families/school/io/trajectory-netcdf.js'
import {metricNames, type MetricName} from '../../families/school/kernels/school-metrics.js'
import type {Report} from '../../core/report/envelope.js'
import {analyzeTrajectory, type AnalysisResult} from '../../families/school/pipeline/analyze.js'
import {renderAnalysis} from '../../families/school/render/terminal.js'
import {stateRule} from '../../families/school/kernels/school-summary.js'
import {writeSchoolPlot} from '../../families/school/render/plot.js'

export default class SchoolAnalyze extends InfolensCommand<Report<AnalysisResult>> {
  static override summary =
    'Recompute P, M, the seven entropies and OSI from a trajectory NetCDF file (single run or ensemble).'
  static override examples = [
    '<%= config.bin %> school analyze run.nc --centroid naive',
    '<%= config.bin %> school analyze ensemble.nc --json',
  ]
  static override args = {
    file: Args.string({
      required: true,
      description: 'NetCDF file with positions and velocities (time, [member,] fish, spatial)',
    }),
  }
  static override flags = {
    centroid: Flags.option({
      options: ['naive', 'periodic'] as const,
      default: 'periodic' as const,
      summary: 'Centroid for M, spread, H_ang, H_shape (naive = dewi-kadita).',
    })(),
    box: floatFlag({
      min: 0,
      exclusiveMin: true,
      recordAsTyped: true,
      summary: 'Box size when the file has no box_size attribute.',
    }),
    plot: Flags.string({summary: 'Write an SVG time series (member 0 of an ensemble).', helpValue: 'FILE.svg'}),
  }

  async run(): Promise<Report<AnalysisResult>> {
    const {args, flags} = await this.parseWithBase(SchoolAnalyze)
    const tr = await this.stopwatch.time('read', async () => readTrajectory(args.file, flags.box))
    const bar = this.progress(tr.frames, 'frames')
    const a = await this.stopwatch.time('metrics', async () => analyzeTrajectory(tr, flags.centroid, () => bar.tick()))
    bar.stop()
    if (flags.plot)
      await writeSchoolPlot(
        flags.plot,
        args.file,
        Array.from(tr.time),
        Object.fromEntries(metricNames.map((n, k) => [n, Array.from(a.series[0][k])])) as Record<MetricName, number[]>,
      )
    const result: AnalysisResult = {
      file: args.file,
      frames: tr.frames,
      fish: tr.fish,
      box_size: tr.boxSize,
      centroid: flags.centroid,
      state: a.states[0],
      stateRule,
      summary: a.summaries[0],
      maxDifferenceFromStored: a.maxDifferenceFromStored,
      ensemble: a.ensemble,
    }
    const report = await this.envelope({
      schema: 'infolens.school/1',
      inputs: [args.file],
      options: this.optionsAsTyped(flags),
      result,
    })
    return this.emit(report, (r) => renderAnalysis(r.result))
  }
}
