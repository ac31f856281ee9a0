/**
 * Flags of `spectral diff` that only apply to two checkpoints (quantization damage): the top-k eigenvalues
 * compared, the --fail-on gate over damage fields, the keep-at-higher-precision plan and its output.
 * Lives outside src/commands/ because oclif loads every file there as a command.
 */
import {Flags} from '@oclif/core'
import {floatFlag, integerFlag} from '../../core/cli/numeric-flags.js'
import {InputError} from '../../core/errors.js'
import {ExpressionError, parseGate, type Predicate} from '../../core/report/gate-expression.js'

/** Fields a damage --fail-on expression may use (numeric columns of a damage layer). */
export const DAMAGE_GATE_FIELDS = [
  'rel_frobenius',
  'sigma1_rel_change',
  'rel_spectral_error',
  'top_shift_max',
  'kappa_a',
  'kappa_b',
  'delta_kappa',
  'alpha_a',
  'delta_alpha',
  'delta_D',
  'delta_xmin',
  'delta_stable_rank',
] as const

export const damageFlags = {
  'top-k': integerFlag({
    default: 10,
    min: 1,
    summary: 'Two checkpoints: compare the k largest eigenvalues of A and B.',
    helpGroup: 'DAMAGE',
  }),
  'fail-on': Flags.string({
    summary: "Two checkpoints: exit 3 when any layer matches, e.g. 'rel_frobenius>0.05 || delta_alpha>0.5'.",
    helpValue: 'EXPR',
    helpGroup: 'DAMAGE',
  }),
  keep: integerFlag({
    min: 1,
    summary: 'Two checkpoints: plan to keep the N most damaged layers at --keep-type.',
    helpGroup: 'DAMAGE',
  }),
  'keep-above': floatFlag({
    min: 0,
    recordAsTyped: true,
    summary: 'Two checkpoints: plan to keep every layer with rel_frobenius >= T at --keep-type.',
    helpValue: 'T',
    helpGroup: 'DAMAGE',
  }),
  'keep-type': Flags.string({
    default: 'q8_0',
    summary: 'The llama.cpp type the plan keeps layers at (q8_0, q6_k, f16, …).',
    helpGroup: 'DAMAGE',
  }),
  'plan-out': Flags.string({
    summary: 'Write the keep plan to FILE: .json a JSON list, otherwise llama-quantize --tensor-type lines.',
    helpValue: 'FILE',
    helpGroup: 'DAMAGE',
  }),
  'plan-format': Flags.option({
    options: ['auto', 'json', 'llama-cpp'] as const,
    default: 'auto' as const,
    summary: 'Format of --plan-out (auto: by extension, .json is JSON).',
    helpGroup: 'DAMAGE',
  })(),
  'allow-missing': Flags.boolean({
    summary: 'Two checkpoints: list weight layers of A missing from B instead of refusing (exit 2).',
    helpGroup: 'DAMAGE',
  }),
}

export interface DamageFlagValues {
  readonly 'fail-on'?: string
  readonly keep?: number
  readonly 'keep-above'?: number
  readonly 'keep-type': string
  readonly 'plan-out'?: string
  readonly 'plan-format': 'auto' | 'json' | 'llama-cpp'
  readonly 'allow-missing': boolean
}

/** Refuses damage flags when A or B is a report (there are no tensors to measure). */
export function refuseDamageFlags(flags: DamageFlagValues, file: string): void {
  const given = (['fail-on', 'keep', 'keep-above', 'plan-out'] as const).find((f) => flags[f] !== undefined)
  if (given)
    throw new InputError('expected two checkpoints (A and B) for this flag, got a report', {file, field: `--${given}`})
}

/** The keep rule, or undefined when no plan was asked for; --plan-out needs --keep or --keep-above. */
export function keepRule(flags: DamageFlagValues): {count?: number; threshold?: number; type: string} | undefined {
  if (!/^[a-z0-9_]+$/i.test(flags['keep-type']))
    throw new InputError(`expected a llama.cpp type name like q8_0, got '${flags['keep-type']}'`, {
      field: '--keep-type',
    })
  if (flags.keep === undefined && flags['keep-above'] === undefined) {
    if (flags['plan-out'] !== undefined)
      throw new InputError('expected --keep N or --keep-above T', {field: '--plan-out'})
    return undefined
  }
  return {count: flags.keep, threshold: flags['keep-above'], type: flags['keep-type'].toLowerCase()}
}

/** Compiles the damage --fail-on expression or throws the one-line input error. */
export function compileDamageGate(expression: string | undefined): Predicate | undefined {
  if (expression === undefined) return undefined
  try {
    return parseGate(expression, DAMAGE_GATE_FIELDS)
  } catch (error) {
    if (error instanceof ExpressionError)
      throw new InputError(`expected an expression like 'rel_frobenius>0.05': ${error.message}`, {field: '--fail-on'})
    throw error
  }
}

/** The plan file's format: explicit, or by extension. */
export function planFormat(flags: DamageFlagValues): 'json' | 'llama-cpp' {
  if (flags['plan-format'] !== 'auto') return flags['plan-format']
  return flags['plan-out']?.toLowerCase().endsWith('.json') ? 'json' : 'llama-cpp'
}
