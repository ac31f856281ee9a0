/**
 * `school simulate --ensemble M --shard K/N`: the shard's members (balanced by steps·agents² per member, so
 * round-robin), each run alone with its own seed (members never interact: lockstep only shares the NetCDF
 * records), and `report merge` for its parts. A part carries each of its members' summaries; the merge takes
 * member 0's run fields and computes the ensemble statistics once over all members, as one machine does.
 */
import {InputError} from '../../../core/errors.js'
import {itemsOfShard} from '../../../core/shard/partition.js'
import type {MergedResult} from '../../../core/shard/result-merger.js'
import type {ShardSpec} from '../../../core/shard/shard-spec.js'
import {ensembleStatistics} from '../kernels/ensemble-summary.js'
import type {SchoolParameters} from '../kernels/school-parameters.js'
import {stateRule, type MetricSummary, type SchoolState} from '../kernels/school-summary.js'
import type {MetricName} from '../kernels/school-metrics.js'
import {runSchool, type RunOptions, type SimulationResult} from './simulate.js'
import {sweepRunCost} from './sweep-shard.js'

type Summary = Record<MetricName, MetricSummary>

/** A part's `ensemble`: its members' states and summaries, null for other shards' members. */
export interface PartialEnsemble {
  members: number
  seeds: number[]
  states: (SchoolState | null)[]
  statistics: null
  member_summaries: (Summary | null)[]
}

export type PartialSimulation = Omit<SimulationResult, 'ensemble' | 'state' | 'summary'> & {
  state: SchoolState | null
  summary: Summary | null
  ensemble: PartialEnsemble
}

/** Checks what a sharded ensemble cannot do (yet) before anything runs. */
export function checkEnsembleShard(members: number, o: {nc?: string; plot?: string; precision: string}): void {
  const refuse = (why: string) => {
    throw new InputError(why, {field: '--shard'})
  }
  if (members < 2) refuse('expected --ensemble M >= 2 with --shard (the members are what is sharded)')
  if (o.nc !== undefined || o.plot !== undefined) refuse('--nc and --plot are not supported with --shard yet')
  if (o.precision !== 'float64') refuse('--precision float32 batches the members: run it without --shard')
}

export async function runEnsembleShard(
  p: SchoolParameters,
  members: number,
  shard: ShardSpec,
  o: Pick<RunOptions, 'centroid' | 'search' | 'createdAt' | 'onFrame'>,
): Promise<{result: PartialSimulation; work: {items: number[]; total: number}}> {
  const items = itemsOfShard(new Array<number>(members).fill(sweepRunCost(p)), shard.index, shard.count)
  const states = new Array<SchoolState | null>(members).fill(null)
  const summaries = new Array<Summary | null>(members).fill(null)
  // one thread per member, as an unsharded ensemble steps them (results are bit-identical either way)
  const runs = []
  for (const m of items) {
    const run = await runSchool({...p, seed: p.seed + m}, {...o, members: 1, threads: 1})
    states[m] = run.state
    summaries[m] = run.summary
    runs.push(run)
  }
  const frames = runs[0]?.frames ?? 0
  const search = runs[0]?.search ?? ''
  const result: PartialSimulation = {
    parameters: p,
    frames,
    search,
    threads: 1,
    centroid: o.centroid,
    state: states[0],
    stateRule,
    summary: summaries[0],
    ensemble: {
      members,
      seeds: Array.from({length: members}, (_, m) => p.seed + m),
      states,
      statistics: null,
      member_summaries: summaries,
    },
    netcdf: null,
    plot: null,
  }
  return {result, work: {items, total: members}}
}

/** JSON wrote NaN as null: read it back as NaN so the statistics come out as one machine's. */
function revived(summary: Summary): Summary {
  return JSON.parse(JSON.stringify(summary), (_, v) => (v === null ? NaN : v)) as Summary
}

export function mergeEnsembleResults(parts: readonly unknown[]): MergedResult<SimulationResult> {
  const results = parts as readonly PartialSimulation[]
  const members = results[0].ensemble?.members
  if (!results.every((r) => r.ensemble?.member_summaries?.length === members))
    throw new InputError('expected ensemble parts with member_summaries for every member', {field: 'PARTS'})
  const summaries: Summary[] = []
  const states: SchoolState[] = []
  for (let m = 0; m < members; m++) {
    const owners = results.filter((r) => r.ensemble.member_summaries[m] !== null)
    if (owners.length !== 1) throw new InputError(`member ${m} is in ${owners.length} parts`, {field: 'PARTS'})
    summaries.push(revived(owners[0].ensemble.member_summaries[m]!))
    states.push(owners[0].ensemble.states[m]!)
  }
  const first = results.find((r) => r.summary !== null)!
  const searches = new Set(results.filter((r) => r.search !== '').map((r) => r.search))
  if (searches.size !== 1) throw new InputError('parts disagree on the neighbour search', {field: 'PARTS'})
  const {seeds} = first.ensemble
  const result: SimulationResult = {
    ...first,
    search: [...searches][0],
    frames: Math.max(...results.map((r) => r.frames)),
    state: states[0],
    summary: first.summary!,
    ensemble: {members, seeds, states, statistics: ensembleStatistics(summaries)},
  }
  return {result}
}
