/**
 * Validates `kappa plan` flags into plan options. Every mistake a user can make
 * here is an InputError (exit 2) naming the flag: two budgets at once, a
 * fraction outside (0, 1], a regex that does not compile.
 */
import {InputError} from '../../core/errors.js'
import type {Budget} from './kernels/budget-selection.js'
import {DEFAULT_MOE_SUFFIXES} from './kernels/candidate-rules.js'
import type {PlanOptions} from './kernels/build-plan.js'

export interface PlanFlags {
  readonly count?: number
  readonly fraction?: number
  readonly 'max-kappa'?: number
  readonly 'per-type': boolean
  readonly include?: string
  readonly exclude?: string
  readonly 'max-dim': number
  readonly scope: 'linear' | 'all-2d'
  readonly eps: number
  readonly 'moe-suffixes'?: string
  readonly 'skip-unsupported'?: boolean
}

export interface PlanRequest {
  readonly options: PlanOptions
  readonly include?: RegExp
  readonly exclude?: RegExp
}

export const DEFAULT_FRACTION = 0.2

export function planRequest(path: string, flags: PlanFlags): PlanRequest {
  const given = (['count', 'fraction', 'max-kappa'] as const).filter((k) => flags[k] !== undefined)
  if (given.length > 1)
    throw new InputError(`choose one budget, got ${given.map((g) => `--${g}`).join(' and ')}`, {
      file: path,
      field: 'budget',
    })
  const options: PlanOptions = {
    budget: budgetOf(path, flags),
    perType: flags['per-type'] === true,
    eps: flags.eps,
    scope: flags.scope,
    maxDim: flags['max-dim'],
    moeSuffixes:
      flags['moe-suffixes'] === undefined
        ? DEFAULT_MOE_SUFFIXES
        : flags['moe-suffixes']
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
    include: flags.include ?? null,
    exclude: flags.exclude ?? null,
    tiedHeadMissing: false,
    skipUnsupported: flags['skip-unsupported'] === true,
  }
  return {
    options,
    include: regexOf(path, '--include', flags.include),
    exclude: regexOf(path, '--exclude', flags.exclude),
  }
}

function budgetOf(path: string, flags: PlanFlags): Budget {
  if (flags.count !== undefined) {
    if (!Number.isInteger(flags.count) || flags.count < 1)
      throw new InputError('expected a whole number >= 1', {file: path, field: '--count'})
    return {mode: 'count', count: flags.count}
  }
  if (flags['max-kappa'] !== undefined) {
    if (!(flags['max-kappa'] >= 1))
      throw new InputError('expected a condition number >= 1', {file: path, field: '--max-kappa'})
    return {mode: 'max-kappa', maxKappa: flags['max-kappa']}
  }
  const fraction = flags.fraction ?? DEFAULT_FRACTION
  if (!(fraction > 0 && fraction <= 1))
    throw new InputError('expected a fraction in (0, 1]', {file: path, field: '--fraction'})
  return {mode: 'fraction', fraction}
}

function regexOf(path: string, flag: string, source: string | undefined): RegExp | undefined {
  if (source === undefined) return undefined
  try {
    return new RegExp(source)
  } catch {
    throw new InputError(`not a valid regular expression: ${JSON.stringify(source)}`, {file: path, field: flag})
  }
}
