/**
 * The infolens command line that `cluster emit` spreads over array tasks: a shardable command (one that
 * `report merge` can combine), without --shard/--shards (the job files add them) and with its --out taken
 * out (each task writes a part; the merge job writes the report there). Its other merged outputs are taken
 * out too (a NetCDF file, kappa's plan files): the merge job writes them (`report merge --netcdf/--emit`),
 * from the tasks' own parts where the output is joined from parts.
 */
import {InputError} from '../../errors.js'

export interface JobCommand {
  /** The command line without `infolens`, --out and shard flags. */
  readonly words: readonly string[]
  /** oclif id, e.g. `spectral:analyze`. */
  readonly id: string
  /** Where the merged report goes (the command's --out, else report.json). */
  readonly reportPath: string
  /** The merged outputs the command line asked for: flag, target, and whether each task writes a part. */
  readonly outputs: readonly MergedOutput[]
}

export interface MergedOutput {
  /** The command's flag (`--nc`) and the one `report merge` takes for that output (`--netcdf`). */
  readonly flag: string
  readonly mergeFlag: string
  readonly path: string
  readonly fromParts: boolean
}

/** Per command id: the output flags the merge job writes, and whether each task writes a part of it. */
export type MergeOutputFlags = Readonly<Record<string, readonly Omit<MergedOutput, 'path'>[]>>

export function parseJobCommand(
  argv: readonly string[],
  shardable: readonly string[],
  outputFlags: MergeOutputFlags = {},
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
  const mergedFlags = outputFlags[id] ?? []
  const outputs: MergedOutput[] = []
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
    const merged = mergedFlags.find((f) => f.flag === name)
    if (merged) {
      const value = inline ?? words[++i]
      if (value === undefined || value === '') throw new InputError(`expected a path after ${name}`, {field: 'COMMAND'})
      outputs.push({...merged, path: value})
      continue
    }
    kept.push(words[i])
  }
  return {words: kept, id, reportPath, outputs}
}
