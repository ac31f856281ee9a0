/**
 * `school sweep --shard K/N`: the shard's share of the (value, seed) runs, balanced by estimated cost
 * steps·agents² per run (the neighbour search dominates), and `report merge` for its parts. A part keeps the
 * full table with null for the other shards' runs and means; the merge fills the runs in and recomputes the
 * means with the single-machine code, so the merged rows are the single-machine rows bit for bit.
 */
import {InputError} from '../../../core/errors.js'
import type {MergedResult} from '../../../core/shard/result-merger.js'
import {itemsOfShard} from '../../../core/shard/partition.js'
import type {ShardSpec} from '../../../core/shard/shard-spec.js'
import type {CentroidMode} from '../kernels/school-centroid.js'
import type {SchoolParameters} from '../kernels/school-parameters.js'
import {runSweepTasks, type SweepMeans} from './sweep-pool.js'
import {sweepMetrics, sweepRows, sweepTasks, type SweepRow, type SweepSpec} from './sweep.js'

type Metric = (typeof sweepMetrics)[number]

/** A row of a part: runs of other shards and the means are null. */
export interface PartialSweepRow {
  value: number
  runs: Record<Metric, (number | null)[]>
  mean: Record<Metric, number | null>
}

/** The `result` of a sweep report, whole or partial (the command's result shape). */
export interface SweepResultShape<Row> {
  parameter: string
  seeds: number[]
  statistic: string
  rows: Row[]
  netcdf: string | null
}

export function sweepRunCost(p: SchoolParameters): number {
  return p.n_steps * p.n_fish * p.n_fish
}

export async function runSweepShard(
  base: SchoolParameters,
  spec: SweepSpec,
  seeds: number,
  centroid: CentroidMode,
  threads: number,
  shard: ShardSpec,
  tick: () => void,
): Promise<{rows: PartialSweepRow[]; work: {items: number[]; total: number}}> {
  const all = sweepTasks(base, spec, seeds, centroid)
  const items = itemsOfShard(
    all.map((t) => sweepRunCost(t.parameters)),
    shard.index,
    shard.count,
  )
  // the pool files replies by task id, so the shard's tasks are renumbered 0..k-1 and mapped back
  const means = await runSweepTasks(
    items.map((i, j) => ({...all[i], id: j})),
    threads,
    tick,
  )
  const byRun = new Array<SweepMeans | null>(all.length).fill(null)
  items.forEach((i, j) => (byRun[i] = means[j]))
  const rows = spec.values.map((value, v) => ({
    value,
    runs: Object.fromEntries(
      sweepMetrics.map((m) => [m, byRun.slice(v * seeds, (v + 1) * seeds).map((r) => (r ? r[m] : null))]),
    ) as PartialSweepRow['runs'],
    mean: Object.fromEntries(sweepMetrics.map((m) => [m, null])) as PartialSweepRow['mean'],
  }))
  return {rows, work: {items, total: all.length}}
}

export function mergeSweepResults(parts: readonly unknown[]): MergedResult<SweepResultShape<SweepRow>> {
  const results = parts as readonly SweepResultShape<PartialSweepRow>[]
  const first = results[0]
  const seeds = first.seeds?.length ?? 0
  if (!results.every((r) => Array.isArray(r?.rows) && r.rows.length === first.rows.length))
    throw new InputError('expected sweep parts with the same rows', {field: 'PARTS'})
  const means: SweepMeans[] = []
  first.rows.forEach((row, v) => {
    for (let s = 0; s < seeds; s++) {
      const owners = results.filter((r) => r.rows[v].runs[sweepMetrics[0]]?.[s] != null)
      if (owners.length !== 1)
        throw new InputError(`run (value ${row.value}, seed ${s}) is in ${owners.length} parts`, {field: 'PARTS'})
      const runs = owners[0].rows[v].runs
      means.push({
        id: v * seeds + s,
        polarization: runs.polarization[s]!,
        rotation: runs.rotation[s]!,
        oceanic_schooling_index: runs.oceanic_schooling_index[s]!,
      })
    }
  })
  const rows = sweepRows(
    first.rows.map((r) => r.value),
    seeds,
    means,
  )
  return {result: {...first, rows}}
}
