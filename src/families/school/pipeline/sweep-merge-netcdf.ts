/**
 * `report merge --netcdf FILE` for `school sweep --shard K/N` runs: the sweep's NetCDF table is a function of
 * the merged table and the run's parameters, so the shards write none and the merge writes the file one
 * machine would have written (`--nc`). The parameters are rebuilt from the parts' options (the plan
 * fingerprint guarantees every shard ran with the same ones), as the command builds them from its flags.
 */
import {InputError} from '../../../core/errors.js'
import type {NetcdfMerger} from '../../../core/shard/result-merger.js'
import {schoolModelFlags, type SchoolOverrides} from '../flags.js'
import {type CanonicalConfigName, canonicalConfigNames} from '../kernels/school-parameters.js'
import {creationTime, resolveParameters} from './simulate.js'
import {parseSweep, type SweepRow, writeSweepNetcdf} from './sweep.js'

export const sweepNetcdfMerger: NetcdfMerger = {
  flag: '--nc',
  fromParts: false,
  async write(_parts, merged, options, target) {
    const result = merged as {rows: SweepRow[]; seeds: number[]}
    const base = resolveParameters({
      config: configOf(options.config),
      paramsFile: options.params as string | undefined,
      overrides: overridesOf(options),
    })
    const spec = parseSweep(String(options.param), base)
    await writeSweepNetcdf(target, base, spec, result.seeds.length, result.rows, creationTime())
    return {...result, netcdf: target}
  },
}

/** The model flags as the command parsed them: recorded as typed (text), read back as the same numbers. */
function overridesOf(options: Readonly<Record<string, unknown>>): SchoolOverrides {
  const overrides: SchoolOverrides = {}
  for (const flag of Object.keys(schoolModelFlags) as (keyof SchoolOverrides)[]) {
    const value = options[flag]
    if (value === undefined) continue
    const number = Number(value)
    if (!Number.isFinite(number))
      throw new InputError(`expected a number, got ${JSON.stringify(value)}`, {field: `options.${flag}`})
    overrides[flag] = number
  }
  return overrides
}

function configOf(value: unknown): CanonicalConfigName | undefined {
  if (value === undefined) return undefined
  if (canonicalConfigNames.includes(value as CanonicalConfigName)) return value as CanonicalConfigName
  throw new InputError(`expected one of ${canonicalConfigNames.join(', ')}, got ${JSON.stringify(value)}`, {
    field: 'options.config',
  })
}
