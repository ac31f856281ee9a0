/**
 * Deterministic cost-balanced partition: longest processing time first (Graham 1969). Items go in order of
 * decreasing cost (ties: lower index first) to the least-loaded shard (ties: lower shard), so every shard
 * computes the same plan from the same costs, and the heaviest shard is within 4/3 of the optimum.
 */

/** Item indices per shard, each list ascending. Costs must be finite and >= 0. */
export function partitionByCost(costs: readonly number[], count: number): number[][] {
  const order = costs.map((_, i) => i).sort((a, b) => costs[b] - costs[a] || a - b)
  const load = new Array<number>(count).fill(0)
  const shards = Array.from({length: count}, () => [] as number[])
  for (const i of order) {
    let best = 0
    for (let k = 1; k < count; k++) if (load[k] < load[best]) best = k
    shards[best].push(i)
    load[best] += costs[i]
  }
  return shards.map((s) => s.sort((a, b) => a - b))
}

/** The items of one shard (ascending indices). */
export function itemsOfShard(costs: readonly number[], index: number, count: number): number[] {
  return partitionByCost(costs, count)[index]
}
