import {Args, Flags} from '@oclif/core'
import {InfolensCommand} from '../../base-command.js'
import {buildDump, type NetcdfDumpResult} from '../../core/netcdf/dump-result.js'
import {openNetcdf} from '../../core/netcdf/reader.js'
import type {Report} from '../../core/report/envelope.js'
import {renderNetcdfDump} from '../../core/netcdf/dump-text.js'

export default class NetcdfDump extends InfolensCommand<Report<NetcdfDumpResult>> {
  static override summary = 'Header and variable summary of a NetCDF-3 file (classic or 64-bit offset).'
  static override description =
    'Prints the format, dimensions (the unlimited one with its current length), global attributes and every variable ' +
    'with its type, shape, attributes and min/max/mean/NaN/fill counts. --values VAR prints all values of one variable.'
  static override examples = [
    '<%= config.bin %> netcdf dump run.nc',
    '<%= config.bin %> netcdf dump run.nc --values polarization',
    '<%= config.bin %> netcdf dump run.nc --json',
  ]
  static override args = {file: Args.string({required: true, description: 'NetCDF file (CDF-1 or CDF-2)'})}
  static override flags = {
    values: Flags.string({summary: 'Print every value of variable VAR.', helpValue: 'VAR'}),
  }

  async run(): Promise<Report<NetcdfDumpResult>> {
    const {args, flags} = await this.parseWithBase(NetcdfDump)
    const result = await this.stopwatch.time('read', async () =>
      buildDump(openNetcdf(args.file), {values: flags.values}),
    )
    const report = await this.envelope({
      schema: 'infolens.netcdf/1',
      inputs: [args.file],
      options: {values: flags.values ?? null},
      result,
    })
    return this.emit(report, (r) => renderNetcdfDump(r.result))
  }
}
