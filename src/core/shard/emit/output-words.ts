/**
 * The merged-output words of the emitted job lines: a task writes its own part next to its JSON part when an
 * output is joined from parts (`spectral analyze --netcdf`), and the merge job names the file or folder the
 * single-machine command would have written (`report merge --netcdf FILE`, `--emit DIR`).
 */
import type {JobCommand} from './job-command.js'
import {shellQuote} from './shell-words.js'

/** ` --netcdf "DIR/part-INDEX.nc"` for a task (INDEX a shell variable reference), or nothing. */
export function partOutputs(command: JobCommand, dir: string, index: string): string {
  return command.outputs
    .filter((o) => o.fromParts)
    .map((o) => ` ${o.flag} "${dir}/part-${index}.nc"`)
    .join('')
}

/** ` --netcdf FILE --emit DIR` for the merge job (each the command's own flag, under its merge name). */
export function mergeOutputs(command: JobCommand): string {
  return command.outputs.map((o) => ` ${o.mergeFlag} ${shellQuote(o.path)}`).join('')
}
