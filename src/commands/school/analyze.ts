import {Args, Flags} from '@oclif/core'
import {InfolensCommand} from '../../base-command.js'
import {readTrajectory} from '../../io/school/trajectory-netcdf.js'
import {metricNames, SchoolMetrics, type MetricName} from '../../kernels/school/school-metrics.js'
import {classifyState, summarise, type MetricSummary, type SchoolState} from '../../kernels/school/school-summary.js'
import type {Report} from '../../report/envelope.js'
import {renderHeader, renderSummaryTable} from '../../report/school/school-render.js'
import {writeSchoolPlot} from '../../report/school/school-plot.js'

interface Result {
  file: string
  frames: number
  fish: number
  box_size: number
  centroid: 'naive' | 'periodic'
  state: SchoolState
  summary: Record<MetricName, MetricSummary>
  /** max |recomputed − stored| per metric stored in the file (same centroid mode as the file's) */
  maxDifferenceFromStored: Partial<Record<MetricName, number>>
}

export default class SchoolAnalyze extends InfolensCommand<Report<Result>> {
  static override summary = 'Recompute P, M, the seven entropies and OSI from a trajectory NetCDF file.'
  static override examples = ['<%= config.bin %> school analyze run.nc --centroid naive']
  static override args = {file: Args.string({required: true, description: 'NetCDF file with positions and velocities (time, fish, spatial)'})}
  static override flags = {
    centroid: Flags.option({options: ['naive', 'periodic'] as const, default: 'periodic' as const, summary: 'Centroid for M, spread, H_ang, H_shape (naive = dewi-kadita).'})(),
    box: Flags.string({summary: 'Box size when the file has no box_size attribute.'}),
    plot: Flags.string({summary: 'Write an SVG time series.', helpValue: 'FILE.svg'}),
  }

  async run(): Promise<Report<Result>> {
    const {args, flags} = await this.parseWithBase(SchoolAnalyze)
    const box = flags.box === undefined ? undefined : Number(flags.box)
    const tr = await this.stopwatch.time('read', async () => readTrajectory(args.file, box))
    const series = metricNames.map(() => new Float64Array(tr.frames))
    const m = new SchoolMetrics(tr.fish, tr.boxSize, flags.centroid)
    const row = new Float64Array(metricNames.length)
    const size = 3 * tr.fish
    await this.stopwatch.time('metrics', async () => {
      for (let t = 0; t < tr.frames; t++) {
        m.compute(tr.positions.subarray(t * size, (t + 1) * size), tr.velocities.subarray(t * size, (t + 1) * size), row)
        row.forEach((v, k) => (series[k][t] = v))
      }
    })
    const summary = summarise(series, tr.frames)
    const diff: Partial<Record<MetricName, number>> = {}
    metricNames.forEach((name, k) => {
      const s = tr.stored[name]
      if (s) diff[name] = s.reduce((acc, v, t) => Math.max(acc, Math.abs(v - series[k][t])), 0)
    })
    if (flags.plot) await writeSchoolPlot(flags.plot, args.file, Array.from(tr.time), Object.fromEntries(metricNames.map((n, k) => [n, Array.from(series[k])])) as Record<MetricName, number[]>)
    const result: Result = {file: args.file, frames: tr.frames, fish: tr.fish, box_size: tr.boxSize, centroid: flags.centroid, state: classifyState(summary.polarization.final, summary.rotation.final), summary, maxDifferenceFromStored: diff}
    const report = await this.envelope({schema: 'infolens.school/1', inputs: [args.file], options: {...flags}, result})
    return this.emit(report, (r) => `${renderHeader([['file', r.result.file], ['frames x fish', `${r.result.frames} x ${r.result.fish}`], ['state', r.result.state], ['centroid', r.result.centroid]])}\n${renderSummaryTable(r.result.summary)}`)
  }
}
