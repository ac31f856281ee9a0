/**
 * Flags of `spectral analyze` / `spectral refit` and their checked conversion into pipeline options.
 * Lives outside src/commands/ because oclif loads every file there as a command.
 */
import {Flags} from '@oclif/core'
import {InputError} from '../../core/errors.js'
import {ExpressionError, parseGate, type Predicate} from '../../core/report/gate-expression.js'

/** Fields a --fail-on expression may use (numeric layer columns). */
export const GATE_FIELDS = [
  'alpha',
  'alpha_weighted',
  'D',
  'sigma',
  'xmin',
  'xmax',
  'num_pl_spikes',
  'log_norm',
  'log_spectral_norm',
  'stable_rank',
  'log_alpha_norm',
  'norm',
  'spectral_norm',
  'matrix_rank',
  'rank_loss',
  'weak_rank_loss',
  'entropy',
  'detX_num',
  'detX_val',
  'detX_val_rescaled',
  'setol_gap',
  'lambda_max',
  'num_evals',
  'N',
  'M',
  'Q',
  'rf',
  'mp_softrank',
  'num_spikes',
  'bulk_max',
  'bulk_min',
  'sigma_mp',
  'W_scale',
  'rand_distance',
  'max_rand_eval',
  'ww_softrank',
  'ww_maxdist',
  'rand_num_spikes',
  'num_fingers',
  'raw_alpha',
  'Lambda',
] as const

export const fitFlags = {
  'fix-fingers': Flags.option({
    options: ['none', 'clip_xmax', 'xmin_peak'] as const,
    default: 'none' as const,
    summary: 'Finger fix for the power-law fit (WeightWatcher fix_fingers).',
  })(),
  fit: Flags.option({
    options: ['PL', 'TPL'] as const,
    default: 'PL' as const,
    summary: 'Fitted distribution: PL (WeightWatcher default) or TPL (truncated power law, adds Lambda; slower).',
  })(),
  'mp-fit': Flags.boolean({summary: 'Also fit the Marchenko–Pastur bulk (mp_softrank, num_spikes, bulk_max, …).'}),
  'fail-on': Flags.string({
    summary: "Exit 3 when any layer matches, e.g. 'alpha>6 || alpha<2' (comparisons, &&, ||, !, parentheses).",
    helpValue: 'EXPR',
  }),
  plots: Flags.string({summary: 'Write per-layer ESD plots (SVG) and an α-by-layer chart into DIR.', helpValue: 'DIR'}),
}

/** Compiles --fail-on or throws the one-line input error. */
export function compileGate(expression: string | undefined, file: string): Predicate | undefined {
  if (expression === undefined) return undefined
  try {
    return parseGate(expression, GATE_FIELDS)
  } catch (error) {
    if (error instanceof ExpressionError)
      throw new InputError(`expected an expression like 'alpha>6 || alpha<2': ${error.message}`, {
        file,
        field: '--fail-on',
      })
    throw error
  }
}

/** Rejects flag combinations WeightWatcher refuses or mis-handles. */
export function checkFitFlags(fit: string, fixFingers: string, file: string): void {
  if (fit === 'TPL' && fixFingers === 'clip_xmax') {
    throw new InputError(
      'expected PL with --fix-fingers clip_xmax (clipping refits a plain power law; use xmin_peak or none with TPL)',
      {file, field: '--fit'},
    )
  }
}

/** Compiles a --layers/--exclude regular expression or throws the one-line input error. */
export function compileRegex(source: string | undefined, flag: string, file: string): RegExp | undefined {
  if (source === undefined) return undefined
  try {
    return new RegExp(source)
  } catch (error) {
    throw new InputError(`expected a valid regular expression: ${(error as Error).message}`, {file, field: flag})
  }
}
