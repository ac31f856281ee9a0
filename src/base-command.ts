/**
 * The base of every infolens command: shared flags (--json, --out, --quiet,
 * --debug, --backend, --threads), the report envelope, atomic report output,
 * progress, and the mapping from errors to one-line messages and exit codes.
 * It lives outside src/commands/ because oclif loads every file there as a command.
 */
import {Command, Flags, Interfaces} from '@oclif/core'
import type {Input, OutputArgs, OutputFlags, ParserOutput} from '@oclif/core/interfaces'
import {ExitCode, InfolensError} from './core/errors.js'
import {firstLine} from './core/cli/error-line.js'
import {flagsAsTyped, integerFlag} from './core/cli/numeric-flags.js'
import {describeInputs, fingerprintFile} from './core/io/checksum.js'
import {type BackendPreference, describeLinalgEngine, selectEngine} from './core/engine/tensor-engine.js'
import {STDOUT_PATH, writeJsonAtomic} from './core/io/atomic-write.js'
import {claimStdout, type NamedOutput} from './core/cli/stdout-output.js'
import {splitOutputs, type OutputKind} from './core/cli/command-outputs.js'
import {checkOutputTargets, clearProtectedInputs, protectInputs, refuseInputAsOutput} from './core/io/output-paths.js'
import {buildReport, type EngineInfo, type Report} from './core/report/envelope.js'
import {startProgress, type Progress} from './core/terminal/progress.js'
import {Stopwatch} from './core/report/timings.js'

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<
  (typeof InfolensCommand)['baseFlags'] & T['flags']
>

export interface EnvelopeParts<R> {
  schema: string
  inputs: readonly string[]
  options: Record<string, unknown>
  seed?: number
  warnings?: readonly string[]
  result: R
}

/** `R` is what a command's `run` returns; oclif prints it under --json. */
export abstract class InfolensCommand<R = unknown> extends Command {
  static override enableJsonFlag = true

  abstract override run(): Promise<R>

  static override baseFlags = {
    out: Flags.string({
      summary: 'Write the JSON report to FILE (atomically: temp file, fsync, rename); - writes it to stdout.',
      helpValue: 'FILE',
      helpGroup: 'GLOBAL',
    }),
    quiet: Flags.boolean({summary: 'Print nothing on stdout except --json or --out - output.', helpGroup: 'GLOBAL'}),
    debug: Flags.boolean({summary: 'Show stack traces for errors.', helpGroup: 'GLOBAL'}),
    backend: Flags.option({
      options: ['auto', 'tensorflow', 'wasm', 'cpu'] as const,
      default: 'auto' as const,
      summary: 'TensorFlow.js backend (auto: tensorflow, then wasm, then cpu).',
      helpGroup: 'GLOBAL',
    })(),
    threads: integerFlag({
      min: 1,
      summary: 'Worker threads (default: CPU cores): linear algebra, credit CSV reads, fish-school steps.',
      helpGroup: 'GLOBAL',
    }),
    checksum: Flags.boolean({
      default: true,
      allowNo: true,
      summary:
        'SHA-256 every input file for the report (--no-checksum skips it for huge checkpoints; sha256 is then null).',
      helpGroup: 'GLOBAL',
    }),
  }

  static override flags = {}

  /** Arguments that name an output (e.g. `uq generate QUESTIONS OUTPUT`); every other argument is an input. */
  static outputArgs: Readonly<Record<string, OutputKind>> = {}

  /** A command's own output flags, or its own meaning of a shared one (`cluster emit --out DIR`). */
  static outputFlags: Readonly<Record<string, OutputKind>> = {}

  /** Exit codes, shown at the end of every command's --help. */
  static override examples: Command.Example[] = []

  protected readonly stopwatch = new Stopwatch()
  private engineInfo?: EngineInfo
  /** The output that goes to stdout (`-`), if any. */
  private stdoutOutput?: NamedOutput
  private baseFlagValues: {
    out?: string
    quiet?: boolean
    backend?: BackendPreference
    threads?: number
    checksum?: boolean
  } = {}
  private typedFlags: {definitions: Record<string, unknown>; text: Map<string, string>} = {
    definitions: {},
    text: new Map(),
  }

  /** Parses flags and remembers the shared ones; commands call this instead of this.parse directly. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the bounds of oclif's own `parse`
  protected async parseWithBase<F extends OutputFlags<any>, B extends OutputFlags<any>, A extends OutputArgs<any>>(
    options?: Input<F, B, A>,
    argv?: string[],
  ): Promise<ParserOutput<F, B, A>> {
    const parsed = await this.parse(options, argv)
    const f = parsed.flags as Record<string, unknown>
    const text = new Map<string, string>()
    for (const token of parsed.raw) if (token.type === 'flag') text.set(token.flag, token.input)
    const ctor = this.constructor as typeof InfolensCommand
    this.typedFlags = {definitions: {...ctor.baseFlags, ...(options?.flags ?? ctor.flags)}, text}
    this.baseFlagValues = {
      out: f.out as string | undefined,
      quiet: f.quiet as boolean | undefined,
      backend: f.backend as BackendPreference | undefined,
      threads: f.threads as number | undefined,
      checksum: f.checksum as boolean | undefined,
    }
    this.checkOutputs(parsed.args as Record<string, unknown>, f)
    return parsed
  }

  /** The parsed flags for the report's `options`: numeric flags marked recordAsTyped as the user typed them. */
  protected optionsAsTyped(flags: object): Record<string, unknown> {
    return flagsAsTyped(flags as Record<string, unknown>, this.typedFlags.definitions, this.typedFlags.text)
  }

  /**
   * Refuses, before anything is written, an output that is an input (or another output), that cannot be
   * written where it points, or that cannot be `-` (core/cli/stdout-output.ts). Inputs are every other argument
   * and every other flag naming an existing file.
   */
  private checkOutputs(args: Record<string, unknown>, flags: Record<string, unknown>): void {
    const ctor = this.constructor as typeof InfolensCommand
    const {outputs, inputs} = splitOutputs(args, flags, ctor.outputArgs, ctor.outputFlags)
    this.stdoutOutput = claimStdout(outputs, this.jsonEnabled())
    clearProtectedInputs()
    checkOutputTargets(
      outputs.filter((o) => o !== this.stdoutOutput),
      inputs,
    )
  }

  /** Human output goes to stderr when stdout carries an output (`--out -`): the pipe gets that alone. */
  override log(message?: string, ...args: unknown[]): void {
    if (this.stdoutOutput) this.logToStderr(message, ...args)
    else super.log(message, ...args)
  }

  /**
   * The tensor engine chosen by --backend/--threads, initialised on first use. Commands call it
   * only when they do tensor work; otherwise the report's engine says backend `none`.
   */
  protected async engine(): Promise<EngineInfo> {
    this.engineInfo ??= await selectEngine({
      backend: this.baseFlagValues.backend ?? 'auto',
      threads: this.baseFlagValues.threads,
    })
    return this.engineInfo
  }

  /** Worker threads for float64 linear algebra and other parallel work (--threads, default: cores). */
  protected get threads(): number {
    return describeLinalgEngine({threads: this.baseFlagValues.threads}).threads
  }

  /** Whether human output should be printed (not --json, not --quiet). */
  protected get humanOutput(): boolean {
    return !this.jsonEnabled() && this.baseFlagValues.quiet !== true
  }

  /** A progress bar on stderr, shown only on a TTY outside --json/--quiet. */
  protected progress(total: number, label: string): Progress {
    return startProgress(total, label, this.humanOutput)
  }

  /**
   * Starts hashing input files now, for the envelope to find done (hashes are memoised per path, size and mtime):
   * a command that reads its input on worker threads leaves this thread idle meanwhile. Failures are left for
   * envelope() to report; nothing is hashed under --no-checksum.
   */
  protected startChecksums(paths: readonly string[]): void {
    if (this.baseFlagValues.checksum === false) return
    for (const path of paths) fingerprintFile(path).catch(() => undefined)
  }

  /** Wraps a result in the shared envelope (checksums the inputs). */
  protected async envelope<T>(parts: EnvelopeParts<T>): Promise<Report<T>> {
    // the resolved inputs (e.g. the shards of a checkpoint directory) are protected from --out as well
    protectInputs(parts.inputs)
    const inputs = await this.stopwatch.time('checksum', () =>
      describeInputs(parts.inputs, {hash: this.baseFlagValues.checksum !== false}),
    )
    return buildReport({
      schema: parts.schema,
      command: [this.config.bin, ...(this.id ?? '').split(':').filter(Boolean), ...this.argv],
      inputs,
      options: parts.options,
      engine: this.engineInfo ?? describeLinalgEngine({threads: this.baseFlagValues.threads}),
      seed: parts.seed,
      timings: this.stopwatch.toJSON(),
      warnings: parts.warnings,
      result: parts.result,
    })
  }

  /**
   * Finishes a command: writes --out atomically, prints the human rendering
   * unless --json/--quiet, and returns the report (oclif prints it under --json).
   */
  protected emit<T>(report: Report<T>, render: (report: Report<T>) => string): Report<T> {
    const out = this.baseFlagValues.out
    // render first: a rendering that fails must not leave a report behind that claims the run succeeded
    const text = this.humanOutput ? render(report) : undefined
    if (out) {
      if (out !== STDOUT_PATH) refuseInputAsOutput(out, '--out')
      writeJsonAtomic(out, report) // `-`: stdout
    }
    if (text !== undefined) this.log(text)
    return report
  }

  /** Errors become one line on stderr (and one JSON document on stdout under --json). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- oclif's `catch` signature
  protected override async catch(error: Error & {oclif?: {exit?: number}; code?: string}): Promise<any> {
    if (error.code === 'EEXIT') throw error // this.exit(): let oclif exit with its code
    const debug = this.argv.includes('--debug') || process.env.DEBUG?.includes('infolens') === true
    const exitCode = error instanceof InfolensError ? error.exitCode : (error.oclif?.exit ?? ExitCode.internal)
    const text = error instanceof InfolensError ? error.oneLine : firstLine(error.message)
    if (this.argv.includes('--json')) {
      process.stdout.write(JSON.stringify({error: {message: text, exitCode, kind: error.name}}) + '\n')
    }
    process.stderr.write(`infolens: error: ${text}\n`)
    if (debug && error.stack) process.stderr.write(error.stack + '\n')
    else if (exitCode === ExitCode.internal) process.stderr.write('(run again with --debug for the stack trace)\n')
    process.exitCode = exitCode
  }
}
