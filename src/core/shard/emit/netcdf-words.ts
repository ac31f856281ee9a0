/**
 * The NetCDF words of the emitted job lines: a task writes its own part next to its JSON part when the
 * command's NetCDF file is joined from parts (`spectral analyze --netcdf`), and the merge job names the file
 * the single-machine command would have written (`report merge --netcdf FILE`).
 */
import type {JobCommand} from './job-command.js'
import {shellQuote} from './shell-words.js'

/** ` --netcdf "DIR/part-INDEX.nc"` for a task (INDEX a shell variable reference), or nothing. */
export function partNetcdf(command: JobCommand, dir: string, index: string): string {
  if (!command.netcdf?.fromParts) return ''
  return ` ${command.netcdf.flag} "${dir}/part-${index}.nc"`
}

/** ` --netcdf FILE` for the merge job, or nothing. */
export function mergeNetcdf(command: JobCommand): string {
  return command.netcdf ? ` --netcdf ${shellQuote(command.netcdf.path)}` : ''
}
