/**
 * Runs one school simulation for the CLI: resolves parameters (canonical config, --params file,
 * flag overrides), streams frames through the metrics and, optionally, into NetCDF, and returns
 * the metric time series with their summaries.
 */
import type * as tfjs from '@tensorflow/tfjs-core'
import {InputError} from '../../../core/errors.js'
import {readParamsFile} from '../io/params-file.js'
import {TrajectoryWriter} from '../io/trajectory-netcdf.js'
import type {CentroidMode} from '../kernels/school-centroid.js'
import {metricNames, SchoolMetrics, type MetricName} from '../kernels/school-metrics.js'
import {
  canonicalConfigs,
  findParameterProblem,
  frameCount,
  type CanonicalConfigName,
  type SchoolParameters,
} from '../kernels/school-parameters.js'
import {classifyState, stateRule, summarise, type MetricSummary, type SchoolState} from '../kernels/school-summary.js'
import {simulateSchool, type SchoolFrame, type SchoolStepper} from '../kernels/simulate-school.js'
import {simulateSchoolBatch} from '../kernels/tensor-couzin-step.js'
import {ensembleStatistics, type EnsembleStatistics} from '../kernels/ensemble-summary.js'
import {CellGrid} from '../kernels/cell-grid.js'
import type {NeighbourSearch} from '../kernels/couzin-step.js'
import {createSchoolStepper} from '../threads/threaded-couzin-step.js'
import {startThreadedHeadingPairs} from '../threads/threaded-heading-pairs.js'

/** CLI override flag → parameter key. */
export const overrideFlags = {
  agents: 'n_fish',
  steps: 'n_steps',
  box: 'box_size',
  speed: 'speed',
  'r-repulsion': 'r_repulsion',
  'r-orientation': 'r_orientation',
  'r-attraction': 'r_attraction',
  'blind-angle': 'blind_angle',
  'max-turn': 'max_turn',
  noise: 'noise',
  dt: 'dt',
  seed: 'seed',
  'save-every': 'save_interval',
  'orientation-weight': 'orientation_weight',
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
    throw new InputError(
      `expected ${problem.expected}, got ${JSON.stringify((p as unknown as Record<string, unknown>)[problem.field])}`,
      {file, field: flag ?? problem.field},
    )
  }
  return p
}

export interface SchoolRunResult {
  parameters: SchoolParameters
  frames: number
  search: string
  /** threads that ran the float64 step (1: the calling thread; always 1 for ensembles and float32) */
  threads: number
  centroid: CentroidMode
  state: SchoolState
  /** how `state` was decided (school-summary.ts `stateRule`) */
  stateRule: string
  time: number[]
  series: Record<MetricName, number[]>
  summary: Record<MetricName, MetricSummary>
  /** present when members > 1: member 0 is the run above (seed), member m uses seed + m */
  ensemble?: EnsembleResult
}

export interface EnsembleResult {
  members: number
  seeds: number[]
  states: SchoolState[]
  /** across members: mean and sample sd of each member's final value and second-half mean */
  statistics: EnsembleStatistics
}

export interface RunOptions {
  centroid: CentroidMode
  search?: NeighbourSearch
  netcdf?: string
  createdAt: string
  /** ensemble size M (default 1) */
  members?: number
  /** worker threads for the float64 step of a single run (default 1; bit-identical results) */
  threads?: number
  /** float32 tensor kernel on this tfjs module (all members batched); default: the float64 CPU kernel */
  tensor?: typeof tfjs
  onFrame?: (frame: number) => void
}

/**
 * Simulates, measures every stored frame, streams to NetCDF when asked. An ensemble runs its
 * members in lockstep (one NetCDF record holds the frame of every member).
 */
export async function runSchool(p: SchoolParameters, o: RunOptions): Promise<SchoolRunResult> {
  const members = o.members ?? 1
  const frames = frameCount(p)
  const series = Array.from({length: members}, () => metricNames.map(() => new Float64Array(frames)))
  const time = new Float64Array(frames)
  const threaded = !o.tensor && members === 1 && (o.threads ?? 1) > 1
  const stepper = threaded ? await createSchoolStepper(p, {threads: o.threads!, search: o.search}) : undefined
  // The velocity-correlation pairs of a frame on two threads when the step has workers (idle while the metrics run).
  const pairs =
    stepper && stepper.threads > 1
      ? await startThreadedHeadingPairs(p.n_fish, SchoolMetrics.velocityCorrelationEdges)
      : undefined
  const metrics = Array.from(
    {length: members},
    () => new SchoolMetrics(p.n_fish, p.box_size, o.centroid, 'wasm', pairs),
  )
  const rows = Array.from({length: members}, () => new Float64Array(metricNames.length))
  const source = o.tensor ? simulateSchoolBatch(o.tensor, p, members) : lockstep(p, members, o.search, stepper)
  const writer = o.netcdf
    ? new TrajectoryWriter(o.netcdf, p, {centroid: o.centroid, createdAt: o.createdAt, members})
    : undefined
  try {
    let yielded = performance.now()
    for (const batch of source) {
      if (!batch[0].stored) {
        // Between stored frames (--save-every K, or one huge frame's worth of steps) let signal
        // handlers run every YIELD_MS, so SIGINT/SIGTERM stop the run within about a step.
        if (performance.now() - yielded > YIELD_MS) {
          await yieldToEventLoop()
          yielded = performance.now()
        }
        continue
      }
      const frame = batch[0].frame
      time[frame] = batch[0].time
      batch.forEach((f, m) => {
        metrics[m].compute(f.state.positions, f.state.velocities, rows[m])
        for (let k = 0; k < rows[m].length; k++) series[m][k][frame] = rows[m][k]
      })
      writer?.appendMembers(
        time[frame],
        batch.map((f) => f.state),
        rows,
      )
      o.onFrame?.(frame)
      // The steps run synchronously; between frames, let SIGINT/SIGTERM handlers run (they remove the
      // temporary NetCDF file and exit 130/143), so a long run stops within one frame of the signal.
      await yieldToEventLoop()
      yielded = performance.now()
    }
    await writer?.close()
  } catch (error) {
    writer?.abort()
    throw error
  } finally {
    await stepper?.close()
    await pairs?.close()
  }
  const search = o.tensor
    ? 'tensor-all-pairs'
    : o.search !== 'all-pairs' && CellGrid.forRadius(p.box_size, p.r_attraction, 1) !== null
      ? 'grid'
      : 'all-pairs'
  const summaries = series.map((s) => summarise(s, frames))
  const states = summaries.map((s) => classifyState(s.polarization.final, s.rotation.final, p.n_fish))
  return {
    parameters: p,
    frames,
    search,
    threads: stepper?.threads ?? 1,
    centroid: o.centroid,
    state: states[0],
    stateRule,
    time: Array.from(time),
    series: Object.fromEntries(metricNames.map((m, k) => [m, Array.from(series[0][k])])) as Record<
      MetricName,
      number[]
    >,
    summary: summaries[0],
    ...(members > 1
      ? {
          ensemble: {
            members,
            seeds: Array.from({length: members}, (_, m) => p.seed + m),
            states,
            statistics: ensembleStatistics(summaries),
          },
        }
      : {}),
  }
}

/** The float64 CPU kernel for every member (member m seeded with seed + m), frame by frame; `stepper` for a single run. */
function* lockstep(
  p: SchoolParameters,
  members: number,
  search: NeighbourSearch | undefined,
  stepper?: SchoolStepper,
): Generator<SchoolFrame[]> {
  const runs = Array.from({length: members}, (_, m) => simulateSchool({...p, seed: p.seed + m}, search, stepper, true))
  for (;;) {
    const next = runs.map((run) => run.next())
    if (next.some((f) => f.done)) return
    yield next.map((f) => f.value as SchoolFrame)
  }
}

/** --ensemble M: an integer in [1, 100000] whose member seeds seed … seed+M−1 stay below 2³². */
/** Checks that --ensemble M members keep every seed (seed … seed+M−1) a 32-bit seed. */
export function checkEnsembleSeeds(m: number, p: SchoolParameters): number {
  if (p.seed + m - 1 > 0xffffffff)
    throw new InputError(`expected seed + M − 1 <= 4294967295 (seed ${p.seed}), got M = ${m}`, {field: '--ensemble'})
  return m
}

/** ISO time for file history: SOURCE_DATE_EPOCH (reproducible builds) or now. */
export function creationTime(): string {
  const epoch = process.env.SOURCE_DATE_EPOCH
  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000).toISOString() : new Date().toISOString()
}

/** The report result of `school simulate`: the run without its in-memory series, plus the files written. */
export type SimulationResult = Omit<SchoolRunResult, 'time' | 'series' | 'ensemble'> & {
  ensemble: EnsembleResult | null
  netcdf: string | null
  plot: string | null
}

/** Longest stretch of steps between two turns of the event loop (when a step is shorter). */
const YIELD_MS = 100

/** One turn of the event loop (setImmediate: after pending I/O and signal callbacks). */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}
