/**
 * Parameter sweeps (phase diagrams): one parameter on a linear grid `name=start:stop:count`,
 * `seeds` runs per value (seed, seed+1, …); each run contributes its second-half means of
 * P, M and OSI. Written as JSON rows and optionally as a NetCDF table (value, seed).
 */
import {InputError} from '../../../core/errors.js'
import {NetcdfWriter, ncInt} from '../../../core/netcdf/index.js'
import type {CentroidMode} from '../kernels/school-centroid.js'
import {findParameterProblem, type SchoolParameters} from '../kernels/school-parameters.js'
import {runSweepTasks, type SweepMeans} from './sweep-pool.js'
import type {SweepTask} from './sweep-worker.js'

export const sweepMetrics = ['polarization', 'rotation', 'oceanic_schooling_index'] as const

export interface SweepSpec {
  key: keyof SchoolParameters
  values: number[]
}

export interface SweepRow {
  value: number
  /** per metric: second-half mean for each seed */
  runs: Record<(typeof sweepMetrics)[number], number[]>
  mean: Record<(typeof sweepMetrics)[number], number>
}

/** Parses `key=start:stop:count` (count >= 1 evenly spaced values, both ends included). */
export function parseSweep(text: string, base: SchoolParameters): SweepSpec {
  const m = /^([a-z_]+)=(-?[\d.eE+-]+):(-?[\d.eE+-]+):(\d+)$/.exec(text.trim())
  if (!m) throw new InputError('expected NAME=START:STOP:COUNT, e.g. noise=0.0:0.5:11', {field: '--param'})
  const key = m[1].replaceAll('-', '_') as keyof SchoolParameters
  if (!(key in base) || typeof base[key] !== 'number')
    throw new InputError(`unknown numeric parameter ${JSON.stringify(m[1])}`, {field: '--param'})
  const [a, b, n] = [Number(m[2]), Number(m[3]), Number(m[4])]
  if (!Number.isFinite(a) || !Number.isFinite(b) || n < 1 || n > 10000)
    throw new InputError('expected finite START, STOP and 1 <= COUNT <= 10000', {field: '--param'})
  const values = Array.from({length: n}, (_, i) => (n === 1 ? a : a + ((b - a) * i) / (n - 1)))
  for (const v of values) {
    const problem = findParameterProblem({...base, [key]: v})
    if (problem)
      throw new InputError(`value ${v} makes ${problem.field} invalid: expected ${problem.expected}`, {
        field: '--param',
      })
  }
  return {key, values}
}

/** The sweep's runs in value-major, seed-minor order; a run's id is its position. */
export function sweepTasks(
  base: SchoolParameters,
  spec: SweepSpec,
  seeds: number,
  centroid: CentroidMode,
): SweepTask[] {
  return spec.values.flatMap((value, v) =>
    Array.from({length: seeds}, (_, s) => ({
      id: v * seeds + s,
      parameters: {...base, [spec.key]: value, seed: base.seed + s},
      centroid,
    })),
  )
}

/** One row per value from the runs' means (value-major, seed-minor); also how `report merge` rebuilds them. */
export function sweepRows(values: readonly number[], seeds: number, means: readonly SweepMeans[]): SweepRow[] {
  return values.map((value, v) => {
    const runs = Object.fromEntries(
      sweepMetrics.map((m) => [m, means.slice(v * seeds, (v + 1) * seeds).map((r) => r[m])]),
    ) as SweepRow['runs']
    const mean = Object.fromEntries(
      sweepMetrics.map((m) => [m, runs[m].reduce((a, b) => a + b, 0) / seeds]),
    ) as SweepRow['mean']
    return {value, runs, mean}
  })
}

/**
 * Runs every (value, seed) pair — on `threads` worker threads when more than one — and
 * collects the second-half means in value-major, seed-minor order.
 */
export async function runSweep(
  base: SchoolParameters,
  spec: SweepSpec,
  seeds: number,
  centroid: CentroidMode,
  threads: number,
  tick: () => void,
): Promise<SweepRow[]> {
  const means = await runSweepTasks(sweepTasks(base, spec, seeds, centroid), threads, tick)
  return sweepRows(spec.values, seeds, means)
}

export async function writeSweepNetcdf(
  path: string,
  base: SchoolParameters,
  spec: SweepSpec,
  seeds: number,
  rows: SweepRow[],
  createdAt: string,
): Promise<void> {
  const w = NetcdfWriter.create(path, {
    format: '64bit-offset',
    dimensions: [
      {name: 'value', size: rows.length},
      {name: 'seed', size: seeds},
    ],
    attributes: {
      title: `Couzin school sweep over ${spec.key}`,
      Conventions: 'CF-1.8',
      history: `Created ${createdAt}`,
      scenario_name: base.scenario_name,
      swept_parameter: spec.key,
      base_seed: ncInt(base.seed),
      n_steps: ncInt(base.n_steps),
      n_fish: ncInt(base.n_fish),
      statistic: 'mean over the second half of the run',
    },
    variables: [
      {name: 'value', type: 'double', dimensions: ['value'], attributes: {long_name: spec.key}},
      {name: 'seed', type: 'int', dimensions: ['seed']},
      ...sweepMetrics.map((m) => ({
        name: m,
        type: 'double' as const,
        dimensions: ['value', 'seed'],
        attributes: {units: 'dimensionless', long_name: m, valid_range: [0, 1]},
      })),
    ],
  })
  try {
    w.writeVariable(
      'value',
      rows.map((r) => r.value),
    )
    w.writeVariable(
      'seed',
      Array.from({length: seeds}, (_, s) => base.seed + s),
    )
    for (const m of sweepMetrics)
      w.writeVariable(
        m,
        rows.flatMap((r) => r.runs[m]),
      )
    await w.close()
  } catch (error) {
    w.abort()
    throw error
  }
}
