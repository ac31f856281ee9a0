/**
 * The layers of one shard of `spectral analyze --shard K/N`: selected layers balanced by estimated solve cost
 * N·M·min(N,M) per matrix (the Gram product and its eigenvalues), times rf slices. Ids stay the checkpoint's,
 * so the merged report keeps its natural order.
 */
import {itemsOfShard} from '../../../core/shard/partition.js'
import type {ShardSpec} from '../../../core/shard/shard-spec.js'
import type {MatrixGeometry} from '../kernels/esd.js'

export function layerCost(g: MatrixGeometry): number {
  return g.rf * g.N * g.M * Math.min(g.N, g.M)
}

/** The chosen layers that shard `spec` runs (all of them without a shard). */
export function layersOfShard<T extends {geometry: MatrixGeometry; id: number}>(
  chosen: readonly T[],
  spec: ShardSpec | undefined,
): T[] {
  if (!spec) return [...chosen]
  const mine = new Set(
    itemsOfShard(
      chosen.map((c) => layerCost(c.geometry)),
      spec.index,
      spec.count,
    ),
  )
  return chosen.filter((c) => mine.has(c.id))
}
