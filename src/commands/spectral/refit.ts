import {Args} from '@oclif/core'
import {InfolensCommand} from '../../base-command.js'
import type {Report} from '../../core/report/envelope.js'
import {refitNetcdf} from '../../families/spectral/pipeline/refit.js'
import {CONVENTIONS} from '../../families/spectral/pipeline/analyze.js'
import {checkFitFlags, fitFlags, compileGate} from '../../families/spectral/flags.js'
import {checkGateJudgesSomething, gateFailures} from '../../families/spectral/pipeline/gate.js'
import {writeSpectralPlots} from '../../families/spectral/render/esd-plots.js'
import type {SpectralReportResult} from '../../families/spectral/schema.js'
import {renderSpectral} from '../../families/spectral/render/table.js'
import {tplBoundWarnings} from '../../families/spectral/pipeline/tpl-bound-warning.js'
import {GateError} from '../../core/errors.js'

export default class SpectralRefit extends InfolensCommand<Report<SpectralReportResult>> {
  static override summary = 'Re-run the spectral fits from eigenvalues saved by `spectral analyze --netcdf`.'
  static override description = 'Exit codes: 0 ok, 2 bad input, 3 --fail-on matched, 1 internal error.'
  static override examples = ['<%= config.bin %> spectral refit esd.nc --fix-fingers clip_xmax --mp-fit']
  static override args = {
    file: Args.string({required: true, description: 'NetCDF file written by spectral analyze --netcdf'}),
  }
  static override flags = {...fitFlags}

  async run(): Promise<Report<SpectralReportResult>> {
    const {args, flags} = await this.parseWithBase(SpectralRefit)
    const gate = compileGate(flags['fail-on'], args.file)
    checkFitFlags(flags.fit, flags['fix-fingers'], args.file)
    const r = await this.stopwatch.time('refit', async () =>
      refitNetcdf(args.file, {fixFingers: flags['fix-fingers'], fit: flags.fit, mpFit: flags['mp-fit']}),
    )
    checkGateJudgesSomething(r.layers as never, flags['fail-on'], args.file)
    const outputs: SpectralReportResult['outputs'] = {}
    if (flags.plots)
      outputs.plots = await writeSpectralPlots(
        flags.plots,
        r.layers.map((l) => ({...l, evals: r.eigenvalues.get(l.name)!})),
      )
    const failed = gateFailures(r.layers as never, gate)
    const result: SpectralReportResult = {
      source: {kind: 'netcdf', path: args.file, files: [args.file]},
      conventions: CONVENTIONS,
      layers: r.layers,
      skipped: [],
      summary: r.summary,
      ...(gate ? {gate: {expression: flags['fail-on']!, failed}} : {}),
      outputs,
    }
    const report = await this.envelope({
      schema: 'infolens.spectral/1',
      inputs: [args.file],
      options: flags,
      warnings: tplBoundWarnings(r.layers),
      result,
    })
    this.emit(report, renderSpectral)
    if (failed.length > 0) {
      const e = new GateError(`--fail-on '${flags['fail-on']}' matched ${failed.length} layer(s): ${failed.join(', ')}`)
      process.stderr.write(`infolens: error: ${e.oneLine}\n`)
      process.exitCode = e.exitCode
    }
    return report
  }
}
