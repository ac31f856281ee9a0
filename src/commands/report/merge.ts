import {Args, Flags} from '@oclif/core'
import {InfolensCommand} from '../../base-command.js'
import {GateError, InputError} from '../../core/errors.js'
import type {Report} from '../../core/report/envelope.js'
import {mergeEnvelope} from '../../core/shard/merge-envelope.js'
import {readParts} from '../../core/shard/read-parts.js'
import {
  filesMergerFor,
  mergeableCommands,
  netcdfMergerFor,
  resultMergerFor,
} from '../../report-render/merge-registry.js'

export default class ReportMerge extends InfolensCommand<Report<unknown>> {
  static override summary = 'Merge the partial reports of a sharded run (--shard K/N, job arrays) into one report.'
  static override description =
    'Writes the report one machine would have written for the same command line (byte-identical except timings and the `sharding` record). Refuses parts of different plans, missing or duplicate shards and truncated parts. Exit codes: 0 ok, 2 bad input, 3 the merged result fails --fail-on, 1 internal error.'
  static override examples = [
    '<%= config.bin %> report merge parts/part-*.json --out report.json',
    '<%= config.bin %> report merge parts/*.json --json > report.json',
    '<%= config.bin %> report merge parts/part-*.json --netcdf esd.nc --out report.json',
  ]
  static override strict = false
  static override flags = {
    netcdf: Flags.string({
      summary:
        "Also write the merged run's NetCDF file (spectral analyze: the shards' --netcdf parts joined; school sweep: the table).",
      helpValue: 'FILE.nc',
    }),
    emit: Flags.string({
      summary: 'Also write the plan files `kappa plan --emit DIR` writes, from the merged plan.',
      helpValue: 'DIR',
    }),
  }
  static override args = {
    parts: Args.string({required: true, description: 'partial reports (one per shard, any order)'}),
  }

  async run(): Promise<Report<unknown>> {
    const started = performance.now()
    const {argv, flags} = await this.parseWithBase(ReportMerge)
    const parts = readParts(argv as string[])
    const command = parts[0].report.shard.command
    const merge = resultMergerFor(command)
    if (!merge)
      throw new InputError(`parts of ${command} cannot be merged (mergeable: ${mergeableCommands.join(', ')})`, {
        file: parts[0].path,
      })
    const options = parts[0].report.options
    const merged = merge(
      parts.map((p) => p.report.result),
      options,
    )
    const netcdf = netcdfMergerFor(command)
    if (flags.netcdf !== undefined && !netcdf)
      throw new InputError(`parts of ${command} have no NetCDF output to merge`, {field: '--netcdf'})
    const files = filesMergerFor(command)
    if (flags.emit !== undefined && !files)
      throw new InputError(`parts of ${command} have no plan files to write`, {field: '--emit'})
    const result =
      netcdf && flags.netcdf !== undefined
        ? await netcdf.write(
            parts.map((p) => ({path: p.path, result: p.report.result})),
            merged.result,
            options,
            flags.netcdf!,
          )
        : merged.result
    const mergeSeconds = (performance.now() - started) / 1000
    const report = mergeEnvelope(parts, result, {
      out: flags.out,
      mergeSeconds,
      warnings: merged.warnings,
      outputs: [
        ...(netcdf ? [{flag: netcdf.flag, path: flags.netcdf}] : []),
        ...(files ? [{flag: files.flag, path: flags.emit}] : []),
      ],
    })
    if (files && flags.emit !== undefined) files.write(report, options, flags.emit)
    this.emit(
      report,
      () => `merged ${parts.length} part(s) of ${command.replace(':', ' ')} (plan ${report.sharding.plan})`,
    )
    if (merged.gateFailure) {
      const gate = new GateError(merged.gateFailure)
      process.stderr.write(`infolens: error: ${gate.oneLine}\n`)
      process.exitCode = gate.exitCode
    }
    return report
  }
}
