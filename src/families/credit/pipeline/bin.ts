/**
 * `credit bin` end to end, minus the terminal: profile the table (one streaming pass), read the xgb1
 * thresholds when that method is asked for, then bin every feature with WoE, IV and their standard errors.
 */
import {InputError} from '../../../core/errors.js'
import type {Stopwatch} from '../../../core/report/timings.js'
import {DEFAULT_MAX_LEVELS} from '../kernels/column-profile.js'
import {countLongLevels, MAX_LABEL_CHARS, truncateLabel} from '../kernels/display-label.js'
import {loadXgb1Thresholds} from '../io/xgb1-input.js'
import {profileTable} from '../io/profile-table.js'
import {binFeatures, type BinResult} from '../kernels/bin-features.js'
import type {InformationOptions} from '../kernels/feature-information.js'
import type {BinningOptions} from '../kernels/fit-binning.js'

/** Which columns to read and how the target is coded. */
export interface ColumnSelection {
  readonly target: string
  readonly bad?: string
  readonly features: readonly string[]
  readonly exclude: readonly string[]
  readonly categorical: readonly string[]
  readonly special: readonly string[]
}

export interface BinRequest {
  readonly data: string
  readonly select: ColumnSelection
  readonly maxDistinct: number
  /** Categorical columns with more levels are identifiers: skipped with a warning. */
  readonly maxLevels?: number
  /** xgb1 only: boosting rounds. */
  readonly rounds: number
  readonly binning: BinningOptions
  readonly info: InformationOptions
  /** The monotone trend asked for (xgb1 applies it while boosting, the others while binning). */
  readonly monotonic: BinningOptions['monotonic']
  /** Worker threads for profiling a large CSV file (default: the CPU cores). */
  readonly threads?: number
}

export interface BinOutcome {
  readonly result: BinResult
  /** One line per column whose distinct values were rounded to stay within maxDistinct. */
  readonly warnings: string[]
}

export async function runCreditBin(request: BinRequest, stopwatch: Stopwatch): Promise<BinOutcome> {
  const {data, select, binning} = request
  const maxLevels = request.maxLevels ?? DEFAULT_MAX_LEVELS
  const table = await stopwatch.time('profile', () =>
    profileTable(data, {
      ...select,
      maxDistinct: request.maxDistinct,
      maxLevels: request.maxLevels,
      threads: request.threads,
    }),
  )
  const thresholds =
    binning.method === 'xgb1'
      ? await stopwatch.time('xgb1', () =>
          loadXgb1Thresholds(data, {...select, rounds: request.rounds, monotonic: request.monotonic}),
        )
      : undefined
  const identifiers = table.profiles.filter((p) => p.overLevelCap)
  const profiles = table.profiles.filter((p) => !p.overLevelCap)
  if (profiles.length === 0)
    throw new InputError(`every feature has more than ${maxLevels} levels (identifiers); raise --max-levels`, {
      file: data,
      field: identifiers.map((p) => p.name).join(', '),
    })
  const result = await stopwatch.time('bin', () =>
    binFeatures({...table, profiles, target: select.target}, binning, request.info, thresholds),
  )
  const warnings = [
    ...table.warnings,
    ...table.profiles
      .filter((p) => p.unsafeInteger !== undefined)
      .map(
        (p) =>
          `${p.name}: integers beyond 2^53 (e.g. "${truncateLabel(p.unsafeInteger!)}") have no exact double; ` +
          'the column was read as text (an identifier)',
      ),
    ...result.features
      .map((f) => ({f, long: f.binning.type === 'categorical' ? countLongLevels(f.binning.groups.flat()) : 0}))
      .filter(({long}) => long > 0)
      .map(
        ({f, long}) =>
          `${f.feature}: ${long} level${long === 1 ? '' : 's'} longer than ${MAX_LABEL_CHARS} characters ` +
          'shortened in the bin labels (the binning keeps them whole)',
      ),
    ...identifiers.map(
      (p) =>
        `${p.name}: more than ${maxLevels} distinct levels, taken for an identifier and skipped ` +
        '(raise --max-levels, or group the levels before binning)',
    ),
    ...profiles
      .filter((p) => p.precisionBits !== null)
      .map(
        (p) =>
          `${p.name}: more than ${request.maxDistinct} distinct values; rounded to ${p.precisionBits} mantissa bits`,
      ),
  ]
  return {result, warnings}
}
