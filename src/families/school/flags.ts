/**
 * Flags of `school simulate` / `school sweep`: one override flag per model parameter, each with
 * the range of its parameter (cross-parameter rules such as r_r < r_o <= r_a are checked later,
 * once the config, the params file and the flags are merged).
 * Lives outside src/commands/ because oclif loads every file there as a command.
 */
import {floatFlag, integerFlag, type NumericFlagOptions} from '../../core/cli/numeric-flags.js'
import type {overrideFlags} from './pipeline/simulate.js'

const model = (key: string, range: NumericFlagOptions) => ({
  ...range,
  summary: `Override ${key}.`,
  helpGroup: 'MODEL',
  recordAsTyped: true,
})
const positive = {min: 0, exclusiveMin: true}

/** --agents, --noise, ...: CLI override flag → its parameter's range. */
export const schoolModelFlags = {
  agents: integerFlag(model('n_fish', {min: 1, max: 10_000_000})),
  steps: integerFlag(model('n_steps', {min: 1})),
  box: floatFlag(model('box_size', positive)),
  speed: floatFlag(model('speed', positive)),
  'r-repulsion': floatFlag(model('r_repulsion', positive)),
  'r-orientation': floatFlag(model('r_orientation', positive)),
  'r-attraction': floatFlag(model('r_attraction', positive)),
  'blind-angle': floatFlag(model('blind_angle', {min: 0, max: 180})),
  'max-turn': floatFlag(model('max_turn', {min: 0})),
  noise: floatFlag(model('noise', {min: 0})),
  dt: floatFlag(model('dt', positive)),
  seed: integerFlag(model('seed', {min: 0, max: 0xffffffff})),
  'save-every': integerFlag(model('save_interval', {min: 1})),
  'orientation-weight': floatFlag(model('orientation_weight', {min: 0, max: 1})),
} satisfies Record<keyof typeof overrideFlags, unknown>

export type SchoolOverrides = {[K in keyof typeof schoolModelFlags]?: number}

/** The override values out of the parsed flags (undefined: not given). */
export function schoolOverrides(flags: SchoolOverrides): SchoolOverrides {
  return Object.fromEntries(Object.keys(schoolModelFlags).map((f) => [f, flags[f as keyof SchoolOverrides]]))
}

/** --ensemble M: members with seeds seed … seed+M−1. */
export const ensembleFlag = integerFlag({
  min: 1,
  max: 100_000,
  default: 1,
  recordAsTyped: true,
  summary: 'Run M independent members with seeds seed, seed+1, ... (member dimension in --nc).',
  helpValue: 'M',
})
