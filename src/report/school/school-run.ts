/**
 * Runs one school simulation for the CLI: resolves parameters (canonical config, --params file,
 * flag overrides), streams frames through the metrics and, optionally, into NetCDF, and returns
 * the metric time series with their summaries.
 */
import {InputError} from '../../errors.js'
import {readParamsFile} from '../../io/school/params-file.js'
import {TrajectoryWriter} from '../../io/school/trajectory-netcdf.js'
import type {CentroidMode} from '../../kernels/school/school-centroid.js'
import {metricNames, SchoolMetrics, type MetricName} from '../../kernels/school/school-metrics.js'
import {canonicalConfigs, findParameterProblem, frameCount, type CanonicalConfigName, type SchoolParameters} from '../../kernels/school/school-parameters.js'
import {classifyState, summarise, type MetricSummary, type SchoolState} from '../../kernels/school/school-summary.js'
import {simulateSchool} from '../../kernels/school/simulate-school.js'
import {CellGrid} from '../../kernels/school/cell-grid.js'
import type {NeighbourSearch} from '../../kernels/school/couzin-step.js'

/** CLI override flag → parameter key. */
export const overrideFlags = {
  agents: 'n_fish', steps: 'n_steps', box: 'box_size', speed: 'speed', 'r-repulsion': 'r_repulsion', 'r-orientation': 'r_orientation',
  'r-attraction': 'r_attraction', 'blind-angle': 'blind_angle', 'max-turn': 'max_turn', noise: 'noise', dt: 'dt', seed: 'seed',
  'save-every': 'save_interval', 'orientation-weight': 'orientation_weight',
} as const satisfies Record<string, keyof SchoolParameters>

export interface ParameterSources {
  config?: CanonicalConfigName
  paramsFile?: string
  overrides: Partial<Record<keyof typeof overrideFlags, number | undefined>>
}

/** config (default swarm) ← params file ← flags; the first violated constraint names its source. */
export function resolveParameters(src: ParameterSources): SchoolParameters {
  const fromFile = src.paramsFile ? readParamsFile(src.paramsFile) : {}
  const p: SchoolParameters = {...canonicalConfigs[src.config ?? 'swarm'], ...fromFile}
  const flagOf: Record<string, string> = {}
  for (const [flag, key] of Object.entries(overrideFlags)) {
    const v = src.overrides[flag as keyof typeof overrideFlags]
    if (v !== undefined) {
      ;(p as unknown as Record<string, unknown>)[key] = v
      flagOf[key] = `--${flag}`
    }
  }
  const problem = findParameterProblem(p)
  if (problem) {
    const flag = flagOf[problem.field]
    const file = flag ? undefined : problem.field in fromFile ? src.paramsFile : undefined
    throw new InputError(`expected ${problem.expected}, got ${JSON.stringify((p as unknown as Record<string, unknown>)[problem.field])}`, {file, field: flag ?? problem.field})
  }
  return p
}

export interface SchoolRunResult {
  parameters: SchoolParameters
  frames: number
  search: string
  centroid: CentroidMode
  state: SchoolState
  time: number[]
  series: Record<MetricName, number[]>
  summary: Record<MetricName, MetricSummary>
}

export interface RunOptions {
  centroid: CentroidMode
  search?: NeighbourSearch
  netcdf?: string
  createdAt: string
  onFrame?: (frame: number) => void
}

/** Simulates, measures every stored frame, streams to NetCDF when asked. */
export async function runSchool(p: SchoolParameters, o: RunOptions): Promise<SchoolRunResult> {
  const frames = frameCount(p)
  const series = metricNames.map(() => new Float64Array(frames))
  const time = new Float64Array(frames)
  const metrics = new SchoolMetrics(p.n_fish, p.box_size, o.centroid)
  const row = new Float64Array(metricNames.length)
  const writer = o.netcdf ? new TrajectoryWriter(o.netcdf, p, {centroid: o.centroid, createdAt: o.createdAt}) : undefined
  let search = 'all-pairs'
  try {
    for (const f of simulateSchool(p, o.search)) {
      metrics.compute(f.state.positions, f.state.velocities, row)
      for (let k = 0; k < row.length; k++) series[k][f.frame] = row[k]
      time[f.frame] = f.time
      writer?.append(f.time, f.state.positions, f.state.velocities, row)
      o.onFrame?.(f.frame)
    }
    await writer?.close()
  } catch (error) {
    writer?.abort()
    throw error
  }
  if (o.search !== 'all-pairs' && CellGrid.forRadius(p.box_size, p.r_attraction, 1) !== null) search = 'grid'
  const summary = summarise(series, frames)
  return {
    parameters: p, frames, search, centroid: o.centroid,
    state: classifyState(summary.polarization.final, summary.rotation.final),
    time: Array.from(time),
    series: Object.fromEntries(metricNames.map((m, k) => [m, Array.from(series[k])])) as Record<MetricName, number[]>,
    summary,
  }
}

/** ISO time for file history: SOURCE_DATE_EPOCH (reproducible builds) or now. */
export function creationTime(): string {
  const epoch = process.env.SOURCE_DATE_EPOCH
  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000).toISOString() : new Date().toISOString()
}

/** Numeric flags arrive as text so that a bad value gets the project's one-line error. */
export function parseNumberFlag(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const v = Number(text)
  if (text.trim() === '' || !Number.isFinite(v)) throw new InputError(`expected a number, got ${JSON.stringify(text)}`, {field: `--${flag}`})
  return v
}
