/**
 * Validated numeric flags: the one family every numeric flag of every command is built from
 * (issue 11). Each is an oclif `Flags.custom` flag whose parser accepts decimal notation only,
 * rejects a non-number, NaN, ±Infinity (unless the flag allows `inf`) and a value outside the
 * flag's range with a FlagValueError (exit 2, one line: `--alpha: expected a number in (0, 1),
 * got "7"`). Every flag carries its NumericFlagSpec, so the conformance suite and the command
 * snapshot find every numeric flag without a list.
 */
import {Flags} from '@oclif/core'
import type {OptionFlag} from '@oclif/core/interfaces'
import {FlagValueError} from '../errors.js'

export interface NumericRange {
  readonly min?: number
  readonly max?: number
  /** min itself is outside the range: (min, …. */
  readonly exclusiveMin?: boolean
  /** max itself is outside the range: …, max). */
  readonly exclusiveMax?: boolean
}

export interface NumericFlagSpec extends NumericRange {
  readonly kind: 'integer' | 'float'
  /** Comma-separated numbers (`--epsilon 0.1,0.2,inf`); the value is an array. */
  readonly list: boolean
  /** `inf`/`infinity` (any case) is accepted as +Infinity. */
  readonly allowInfinity: boolean
  /**
   * The report's `options` echo the value as typed (the default as text): these flags were text
   * flags before issue 11, and the report shape changes only with a schema version bump.
   */
  readonly recordAsTyped: boolean
}

/** What every numeric flag helper takes besides its range. */
export interface NumericFlagOptions extends NumericRange {
  readonly summary?: string
  readonly description?: string
  readonly helpGroup?: string
  readonly helpValue?: string
  readonly required?: boolean
  readonly hidden?: boolean
  readonly recordAsTyped?: boolean
}

export interface FloatFlagOptions extends NumericFlagOptions {
  readonly allowInfinity?: boolean
}

type Defaulted<T> = {readonly default: T} | {readonly required: true}
// The helpers return plain OptionFlag<T>: oclif infers a flag's value type from that alias only
// (an intersection or another alias makes every value `T | undefined`). The NumericFlagSpec sits
// on the flag's `numeric` property; numericSpecOf reads it.

const INTEGER = /^[+-]?\d+$/
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i
const INFINITY = /^\+?inf(inity)?$/i

/** An integer flag, e.g. `integerFlag({min: 1, default: 10, summary})`: a count, a seed, a size. */
export function integerFlag(o: NumericFlagOptions & Defaulted<number>): OptionFlag<number>
export function integerFlag(o: NumericFlagOptions & {readonly default?: number}): OptionFlag<number | undefined>
export function integerFlag(o: NumericFlagOptions & {readonly default?: number}): OptionFlag<number | undefined> {
  return numericFlag(o, {...specOf(o), kind: 'integer', list: false, allowInfinity: false})
}

/** A real-valued flag, e.g. `floatFlag({min: 0, max: 1, exclusiveMin: true, exclusiveMax: true})`. */
export function floatFlag(o: FloatFlagOptions & Defaulted<number>): OptionFlag<number>
export function floatFlag(o: FloatFlagOptions & {readonly default?: number}): OptionFlag<number | undefined>
export function floatFlag(o: FloatFlagOptions & {readonly default?: number}): OptionFlag<number | undefined> {
  return numericFlag(o, {...specOf(o), kind: 'float', list: false, allowInfinity: o.allowInfinity === true})
}

/**
 * Comma-separated real numbers, each in the range, e.g. `--temperatures 0.3,0.7,1.0`. The value is
 * a readonly array: oclif types a mutable array flag as a `multiple` one.
 */
export function floatListFlag(o: FloatFlagOptions & Defaulted<readonly number[]>): OptionFlag<readonly number[]>
export function floatListFlag(
  o: FloatFlagOptions & {readonly default?: readonly number[]},
): OptionFlag<readonly number[] | undefined>
export function floatListFlag(
  o: FloatFlagOptions & {readonly default?: readonly number[]},
): OptionFlag<readonly number[] | undefined> {
  return numericFlag(o, {...specOf(o), kind: 'float', list: true, allowInfinity: o.allowInfinity === true})
}

function specOf(o: NumericFlagOptions): NumericRange & {recordAsTyped: boolean} {
  return {
    min: o.min,
    max: o.max,
    exclusiveMin: o.exclusiveMin === true,
    exclusiveMax: o.exclusiveMax === true,
    recordAsTyped: o.recordAsTyped === true,
  }
}

function numericFlag<T>(o: NumericFlagOptions & {readonly default?: unknown}, numeric: NumericFlagSpec): OptionFlag<T> {
  const {min: _min, max: _max, exclusiveMin: _emin, exclusiveMax: _emax, recordAsTyped: _r, ...props} = o
  const {allowInfinity: _i, ...oclifProps} = props as FloatFlagOptions & {readonly default?: unknown}
  if (oclifProps.default !== undefined) assertDefaultInRange(oclifProps.default, numeric)
  const flag = Flags.custom<T>({
    parse: (async (input: string, _ctx: unknown, opts: {name: string}) =>
      parseNumericInput(input, opts.name, numeric)) as never,
    helpValue: oclifProps.helpValue ?? (numeric.list ? 'LIST' : numeric.kind === 'integer' ? 'N' : 'X'),
  })({
    ...(oclifProps as object),
    ...(oclifProps.default === undefined ? {} : {defaultHelp: formatNumericValue(oclifProps.default)}),
  } as never) as OptionFlag<T>
  return Object.assign(flag, {numeric}) as OptionFlag<T>
}

/** Parses one flag value or throws the one-line FlagValueError naming the flag and what it expects. */
export function parseNumericInput(input: string, flag: string, spec: NumericFlagSpec): number | number[] {
  const fail = (): never => {
    throw new FlagValueError(flag, `expected ${describeNumericSpec(spec)}, got ${JSON.stringify(input)}`)
  }
  const one = (text: string): number => {
    const t = text.trim()
    if (spec.allowInfinity && INFINITY.test(t)) return Number.POSITIVE_INFINITY
    if (!(spec.kind === 'integer' ? INTEGER : DECIMAL).test(t)) return fail()
    const x = Number(t)
    if (!Number.isFinite(x) || !isInRange(x, spec)) return fail()
    return x === 0 ? 0 : x // -0 is 0
  }
  if (!spec.list) return one(input)
  const items = input.split(',')
  return items.map(one)
}

/** Whether x lies in the spec's range (+Infinity passes a max only when the flag allows it). */
export function isInRange(x: number, r: NumericRange & {readonly allowInfinity?: boolean}): boolean {
  if (Number.isNaN(x)) return false
  if (x === Number.POSITIVE_INFINITY) return r.allowInfinity === true
  if (r.min !== undefined && (r.exclusiveMin ? x <= r.min : x < r.min)) return false
  if (r.max !== undefined && (r.exclusiveMax ? x >= r.max : x > r.max)) return false
  return Number.isFinite(x)
}

/** "a number in (0, 1)", "an integer >= 1", "comma-separated numbers, each >= 0 or inf". */
export function describeNumericSpec(s: NumericFlagSpec): string {
  const what = s.list
    ? s.kind === 'integer'
      ? 'comma-separated integers'
      : 'comma-separated numbers'
    : s.kind === 'integer'
      ? 'an integer'
      : 'a number'
  const each = s.list ? ', each' : ''
  const inf = s.allowInfinity ? ' or inf' : ''
  if (s.min !== undefined && s.max !== undefined)
    return `${what}${each} in ${s.exclusiveMin ? '(' : '['}${s.min}, ${s.max}${s.exclusiveMax ? ')' : ']'}${inf}`
  if (s.min !== undefined) return `${what}${each} ${s.exclusiveMin ? '>' : '>='} ${s.min}${inf}`
  if (s.max !== undefined) return `${what}${each} ${s.exclusiveMax ? '<' : '<='} ${s.max}${inf}`
  return `a finite ${s.list ? 'comma-separated list of numbers' : what.replace(/^an? /, '')}${inf}`
}

/** A value as a user would type it: 0.05, 1e-8, inf, 0.1,0.2,inf. */
export function formatNumericValue(value: unknown): string {
  const one = (x: unknown) => (x === Number.POSITIVE_INFINITY ? 'inf' : String(x))
  return Array.isArray(value) ? value.map(one).join(',') : one(value)
}

/** The spec of a numeric flag, or undefined for every other flag. */
export function numericSpecOf(flag: unknown): NumericFlagSpec | undefined {
  const spec = (flag as {numeric?: NumericFlagSpec} | undefined)?.numeric
  return spec && (spec.kind === 'integer' || spec.kind === 'float') ? spec : undefined
}

/**
 * The flags as the report's `options` record them: flags marked `recordAsTyped` keep the text the
 * user typed (the last occurrence), or their default as text; every other flag keeps its value.
 */
export function flagsAsTyped(
  flags: Readonly<Record<string, unknown>>,
  definitions: Readonly<Record<string, unknown>>,
  typed: ReadonlyMap<string, string>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(flags).map(([name, value]) => {
      if (!numericSpecOf(definitions[name])?.recordAsTyped || value === undefined) return [name, value]
      return [name, typed.get(name) ?? formatNumericValue(value)]
    }),
  )
}

function assertDefaultInRange(value: unknown, spec: NumericFlagSpec): void {
  const values = Array.isArray(value) ? value : [value]
  const ok = values.every(
    (x) => typeof x === 'number' && isInRange(x, spec) && (spec.kind === 'float' || Number.isInteger(x)),
  )
  if (!ok) throw new Error(`numeric flag default ${formatNumericValue(value)} is not ${describeNumericSpec(spec)}`)
}
