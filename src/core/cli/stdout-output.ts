/**
 * `-` as an output path means stdout, as in `tar -f -` and `curl -o -`: `--out -` pipes the JSON report into
 * jq or another program. Stdout then carries that one output and nothing else, so three rules hold before
 * anything runs: at most one output may be `-`; it must be text (a NetCDF file or a folder of plots cannot
 * share a pipe with anything, and a terminal would show bytes); and --json, which prints its own document on
 * stdout, cannot be combined with it. Where the bytes go is the atomic writer's business (core/io).
 */
import {InputError} from '../errors.js'
import {STDOUT_PATH} from '../io/atomic-write.js'

/** An output a command line names, and whether its content is text that may go to stdout. */
export interface NamedOutput {
  /** The flag or argument, e.g. `--out` or `OUTPUT`. */
  readonly field: string
  readonly path: string
  /** Text written in one piece (JSON, CSV, SQL, SVG, JSONL); false for NetCDF files and directories. */
  readonly text: boolean
}

/**
 * The output that goes to stdout (undefined when none does), after refusing `-` where it cannot work.
 * `jsonFlag`: --json is on, so stdout already carries the command's JSON document.
 */
export function claimStdout(outputs: readonly NamedOutput[], jsonFlag: boolean): NamedOutput | undefined {
  const refuse = (o: NamedOutput, expected: string) => new InputError(expected, {file: STDOUT_PATH, field: o.field})
  const dashed = outputs.filter((o) => o.path === STDOUT_PATH)
  const binary = dashed.find((o) => !o.text)
  if (binary) throw refuse(binary, 'expected a path: not text (a NetCDF file or a folder), so not - (stdout)')
  const [first, second] = dashed
  if (second) throw refuse(second, `expected at most one output on - (stdout), got ${first.field} too`)
  if (first && jsonFlag) throw refuse(first, 'expected a file path: --json already prints its document on stdout')
  return first
}
