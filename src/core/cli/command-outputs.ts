/**
 * Which of a command line's arguments and flags name outputs, and of what kind; everything else that is a
 * string counts as an input, so that no output may overwrite it. One table for every command, with a
 * command's own additions (`cluster emit --out DIR`), because the checks that read it (output-paths.ts,
 * stdout-output.ts) must see every output to refuse two outputs on one path.
 */
import type {OutputTarget} from '../io/output-paths.js'
import type {NamedOutput} from './stdout-output.js'

/** What an output names: a text file (which may be `-`, stdout), a binary file, or a directory. */
export type OutputKind = 'file' | 'binary-file' | 'dir'

/** Flags that name an output, in every command. */
export const OUTPUT_FLAGS: Readonly<Record<string, OutputKind>> = {
  out: 'file',
  scores: 'file',
  sql: 'file',
  plot: 'file',
  nc: 'binary-file',
  netcdf: 'binary-file',
  svg: 'file',
  plots: 'dir',
  emit: 'dir',
  'plan-out': 'file',
}

export type CommandOutput = OutputTarget & NamedOutput

/** The outputs and inputs of a parsed command line; `outputArgs`/`outputFlags` are the command's own. */
export function splitOutputs(
  args: Record<string, unknown>,
  flags: Record<string, unknown>,
  outputArgs: Readonly<Record<string, OutputKind>>,
  outputFlags: Readonly<Record<string, OutputKind>>,
): {outputs: CommandOutput[]; inputs: string[]} {
  const outputs: CommandOutput[] = []
  const inputs: string[] = []
  const kinds = {...OUTPUT_FLAGS, ...outputFlags}
  const add = (field: string, path: string, kind: OutputKind) =>
    outputs.push({field, path, kind: kind === 'dir' ? 'dir' : 'file', text: kind === 'file'})
  for (const [name, value] of Object.entries(args)) {
    if (typeof value !== 'string') continue
    if (outputArgs[name]) add(name.toUpperCase(), value, outputArgs[name])
    else inputs.push(value)
  }
  for (const [name, value] of Object.entries(flags)) {
    if (typeof value !== 'string') continue
    if (kinds[name]) add(`--${name}`, value, kinds[name])
    else inputs.push(value)
  }
  return {outputs, inputs}
}
