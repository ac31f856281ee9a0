/**
 * The infolens command line that `cluster emit` spreads over array tasks: a shardable command (one that
 * `report merge` can combine), without --shard/--shards (the job files add them) and with its --out taken
 * out (each task writes a part; the merge job writes the report there). Its NetCDF flag is taken out too:
 * the merge job writes that file (`report merge --netcdf`), from the tasks' own parts where the command's
 * NetCDF is joined from parts.
 */
import {InputError} from '../../errors.js'

export interface JobCommand {
  /** The command line without `infolens`, --out and shard flags. */
  readonly words: readonly string[]
  /** oclif id, e.g. `spectral:analyze`. */
  readonly id: string
  /** Where the merged report goes (the command's --out, else report.json). */
  readonly reportPath: string
  /** The command's NetCDF output: its flag, the merged file, and whether each task writes a part. */
  readonly netcdf?: {readonly flag: string; readonly path: string; readonly fromParts: boolean}
}

/** Per command id: its NetCDF flag and whether each shard writes a part file. */
export type NetcdfFlags = Readonly<Record<string, {flag: string; fromParts: boolean}>>

export function parseJobCommand(
  argv: readonly string[],
  shardable: readonly string[],
  netcdfFlags: NetcdfFlags = {},
): JobCommand {
  const words = argv[0] === 'infolens' ? argv.slice(1) : [...argv]
  const id = words.slice(0, 2).join(':')
  const names = shardable.map((c) => c.replace(':', ' ')).join(', ')
  if (!shardable.includes(id))
    throw new InputError(
      `expected a shardable infolens command line after -- (${names}), got ${JSON.stringify(words.join(' '))}`,
      {
        field: 'COMMAND',
      },
    )
  const kept: string[] = []
  let reportPath = 'report.json'
  const netcdfFlag = netcdfFlags[id]
  let netcdf: JobCommand['netcdf']
  for (let i = 0; i < words.length; i++) {
    const [name, inline] = words[i].split(/=(.*)/s)
    if (name === '--shard' || name === '--shards')
      throw new InputError(`leave ${name} out of the command line: the job files add it`, {field: 'COMMAND'})
    if (name === '--out') {
      const value = inline ?? words[++i]
      if (value === undefined || value === '') throw new InputError('expected a FILE after --out', {field: 'COMMAND'})
      reportPath = value
      continue
    }
    if (netcdfFlag && name === netcdfFlag.flag) {
      const value = inline ?? words[++i]
      if (value === undefined || value === '') throw new InputError(`expected a FILE after ${name}`, {field: 'COMMAND'})
      netcdf = {...netcdfFlag, path: value}
      continue
    }
    kept.push(words[i])
  }
  return {words: kept, id, reportPath, ...(netcdf ? {netcdf} : {})}
}
