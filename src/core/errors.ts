/**
 * Typed errors and the exit-code table. Every failure a user can cause is an
 * InfolensError with a one-line message naming the file, the field and what was
 * expected; the base command prints it without a stack trace and exits with
 * its code.
 */

/** Exit codes of every infolens command (shown in `--help`). */
export const ExitCode = {
  ok: 0,
  internal: 1,
  input: 2,
  gate: 3,
} as const

export interface ErrorContext {
  /** The file the problem is in, as the user gave it. */
  readonly file?: string
  /** The tensor, column, field or flag the problem concerns. */
  readonly field?: string
}

export class InfolensError extends Error {
  readonly exitCode: number
  readonly file?: string
  readonly field?: string

  constructor(message: string, exitCode: number, context: ErrorContext = {}) {
    super(message)
    this.name = new.target.name
    this.exitCode = exitCode
    this.file = context.file
    this.field = context.field
  }

  /** "file: field: message", the one line the user sees. */
  get oneLine(): string {
    const parts = [this.file, this.field, this.message].filter((p) => p !== undefined && p !== '')
    return parts.join(': ').replace(/\s*\n\s*/g, ' ')
  }
}

/** Bad input data or arguments: exit code 2. */
export class InputError extends InfolensError {
  constructor(message: string, context: ErrorContext = {}) {
    super(message, ExitCode.input, context)
  }
}

/** A `--fail-on` style quality gate matched: exit code 3. */
export class GateError extends InfolensError {
  constructor(message: string) {
    super(message, ExitCode.gate)
  }
}

/** A bug or an environment failure that the user could not have caused: exit code 1. */
export class InternalError extends InfolensError {
  constructor(message: string, context: ErrorContext = {}) {
    super(message, ExitCode.internal, context)
  }
}

/**
 * A flag value that is not a number or lies outside the flag's range: exit code 2. oclif prefixes
 * the message of a failed flag parser ("Parsing --alpha …"); the one line stays `--alpha: expected …`.
 */
export class FlagValueError extends InputError {
  readonly flag: string
  readonly expected: string

  constructor(flag: string, expected: string) {
    super(expected, {field: `--${flag}`})
    this.flag = flag
    this.expected = expected
  }

  override get oneLine(): string {
    return `--${this.flag}: ${this.expected}`
  }
}
