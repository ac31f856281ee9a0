/**
 * Longer than 250 lines on purpose: the streaming schedule (read-ahead, sliding window, pool) and the per-layer
 * assembly it feeds are one piece of control flow.
 *
 * The `spectral analyze` pipeline: open a checkpoint, select layers, stream one tensor (or a few, with
 * --threads) at a time through the float64 Gram + eigvalsh pool, and turn each ESD into WeightWatcher's
 * per-layer metrics. Eigenvalues are kept only when asked (NetCDF, plots).
 */
import {availableParallelism} from 'node:os'
import {
  isBlockQuantizedDtype,
  openCheckpoint,
  type Checkpoint,
  type TensorEntry,
} from '../../../core/checkpoint/index.js'
import {createLinalgPool, type LinalgPool} from '../../../core/linalg/pool.js'
import {combineEsd, weightSlices, type MatrixGeometry} from '../kernels/esd.js'
import {
  layerMetrics,
  type FitKind,
  type FixFingers,
  type LayerMetrics,
  type RandomEsds,
} from '../kernels/layer-metrics.js'
import {randomReplicaCount} from '../kernels/randomized-esd.js'
import {seededRandom, shuffled} from '../../../core/random/sfc32.js'
import {summarize, type SpectralSummary} from '../kernels/summary.js'
import {openSpectraCache, type SpectraCache} from './cached-spectra.js'
import {selectTensor, type SelectionOptions, type SkippedTensor} from './layer-selection.js'
import {layersOfShard} from './shard-layers.js'
import type {ShardSpec} from '../../../core/shard/shard-spec.js'

export interface AnalyzeOptions extends SelectionOptions {
  readonly fixFingers: FixFingers
  readonly fit?: FitKind
  readonly mpFit: boolean
  /** Seed for --randomize; undefined = no randomisation. */
  readonly randomizeSeed?: number
  readonly gram: 'float64' | 'float32'
  readonly threads?: number
  /** Keep every layer's ESD (for --netcdf / --plots). */
  readonly keepEigenvalues: boolean
  /** Spectra cache directory; null disables it (--no-cache); undefined = default. Used with --gram float64 only. */
  readonly cacheDir?: string | null
  /** Analyse only this shard's layers (--shard K/N); undefined = all. */
  readonly shard?: ShardSpec
}

/** How many layers were eigen-solved and how many came from the spectra cache. */
export interface CacheUse {
  readonly dir: string | null
  solved: number
  cached: number
}

export type SpectralLayer = {name: string; layer_id: number; dtype: string; shape: number[]} & LayerMetrics

export interface AnalyzeResult {
  layers: SpectralLayer[]
  skipped: SkippedTensor[]
  summary: SpectralSummary
  /** ESDs by layer name (ascending), when kept. */
  eigenvalues: Map<string, Float64Array>
  files: string[]
  cache: CacheUse
  /** Layers selected in the whole checkpoint (more than `layers` in a shard). */
  selected: number
}

/** 32-bit FNV-1a of a tensor name: per-layer seeds that do not depend on which layers are selected. */
export function nameHash(name: string): number {
  let h = 0x811c9dc5
  for (const byte of Buffer.from(name, 'utf8')) h = Math.imul(h ^ byte, 0x01000193) >>> 0
  return h
}

/**
 * Eigenvalues of every slice, from the Gram, or σ² from an SVD where the Gram cannot resolve the small end (rank,
 * entropy and σmin need it); `transfer` moves the buffers to the workers (no copy; the slices are then unusable).
 */
async function sliceEigenvalues(
  pool: LinalgPool,
  slices: (Float32Array | Float64Array)[],
  g: MatrixGeometry,
  name: string,
  transfer = false,
) {
  return Promise.all(slices.map((s) => pool.eigvalsGramResolved(s, g.rows, g.cols, {name, transfer})))
}

async function randomEsds(
  pool: LinalgPool,
  slices: (Float32Array | Float64Array)[],
  g: MatrixGeometry,
  name: string,
  seed: number,
): Promise<RandomEsds> {
  const random = seededRandom((nameHash(name) ^ seed) >>> 0)
  const replicas: Float64Array[] = []
  for (let r = 0; r < randomReplicaCount(g.M); r++) {
    for (const s of slices) replicas.push(...(await sliceEigenvalues(pool, [shuffled(s, random)], g, name)))
  }
  const distance = await sliceEigenvalues(
    pool,
    slices.map((s) => shuffled(s, random)),
    g,
    name,
  )
  return {replicas: combineEsd(replicas, g).evals, distance: combineEsd(distance, g).evals}
}

/**
 * Float dtypes whose every value float32 holds exactly (decoding them to float32 loses nothing); GGUF's
 * block-quantized types dequantize to float32 values too, so a Q4_K layer costs 4 bytes per weight, not 8.
 */
const EXACT_IN_FLOAT32: readonly string[] = ['F32', 'F16', 'BF16', 'F8_E4M3', 'F8_E5M2']
const exactInFloat32 = (dtype: string) => EXACT_IN_FLOAT32.includes(dtype) || isBlockQuantizedDtype(dtype)

/**
 * The tensor's slices. A tensor that float32 holds exactly is read as float32 even for the float64 Gram: an F32
 * tensor is then the file's bytes as they are (no decoding pass on this thread), half the bytes cross to the
 * worker, and the solver widens it to float64 (exact) on the worker before any arithmetic, so the Gram and the
 * spectrum are bit-for-bit those of a float64 input (bench/spectral/stage-breakdown.ts checks the Gram).
 */
async function readSlices(ck: Checkpoint, entry: TensorEntry, o: AnalyzeOptions) {
  const asFloat32 = o.gram === 'float32' || exactInFloat32(entry.dtype)
  const data = asFloat32 ? await ck.readFloat32(entry) : await ck.readFloat64(entry)
  return weightSlices(data, entry.shape)
}

/** A layer's spectra: per-slice eigenvalues (and the randomised ESDs with --randomize), cached or solved. */
interface LayerSpectra {
  readonly perSlice: Float64Array[]
  readonly random?: RandomEsds
  /** Solved in this run (to be written to the cache). */
  readonly solved: boolean
}

/** The part of a layer that holds the tensor in memory: its spectra from the cache, or read + solved. */
async function layerSpectra(
  ck: Checkpoint,
  pool: LinalgPool,
  cache: SpectraCache | undefined,
  use: CacheUse,
  entry: TensorEntry,
  g: MatrixGeometry,
  o: AnalyzeOptions,
): Promise<LayerSpectra> {
  let slices: (Float32Array | Float64Array)[] | undefined
  let perSlice = await cache?.get(entry, g.rf, g.M)
  const solved = perSlice === undefined
  if (perSlice) use.cached++
  else {
    slices = await readSlices(ck, entry, o)
    // streaming: without --randomize the tensor is not needed afterwards, so it moves to the worker uncopied
    const keep = o.randomizeSeed !== undefined
    perSlice = await sliceEigenvalues(pool, slices, g, entry.name, !keep)
    if (!keep) slices = undefined
    use.solved++
  }
  let random: RandomEsds | undefined
  if (o.randomizeSeed !== undefined)
    random = await randomEsds(pool, slices ?? (await readSlices(ck, entry, o)), g, entry.name, o.randomizeSeed)
  return {perSlice, random, solved}
}

/** The rest of a layer, from its eigenvalues only: the cache entry (when solved) and the metrics. */
async function layerResult(
  cache: SpectraCache | undefined,
  entry: TensorEntry,
  g: MatrixGeometry,
  spectra: LayerSpectra,
  o: AnalyzeOptions,
) {
  if (spectra.solved) await cache?.put(entry, spectra.perSlice)
  const esd = combineEsd(spectra.perSlice, g)
  return {esd, metrics: layerMetrics(esd, g, {fixFingers: o.fixFingers, fit: o.fit, mpFit: o.mpFit}, spectra.random)}
}

/**
 * Runs `hold` on the items with at most `limit` of them inside it at any time, then `release` on each result
 * outside that bound. A sliding window, not fixed batches: a worker that finishes a small layer gets the next
 * one at once instead of idling until a batch's largest layer is done; and the next tensor is read while the
 * previous layer's cache write (fsync'd) and fits run, instead of after them. After a failure no further item
 * starts (the first error then propagates).
 */
async function forEachInFlight<T, H>(
  items: readonly T[],
  limit: number,
  hold: (item: T) => Promise<H>,
  release: (item: T, held: H) => Promise<void>,
): Promise<void> {
  let next = 0
  let failed = false
  const released: Promise<void>[] = []
  const stop = (error: unknown) => {
    failed = true
    throw error
  }
  const lane = async () => {
    while (!failed && next < items.length) {
      const item = items[next++]
      const held = await hold(item).catch(stop)
      // `release` starts on the next turn of the event loop, once this lane has issued the next item's read
      // (the cache write in `release` is synchronous and would otherwise delay it)
      const done = new Promise<void>((resolve) => setImmediate(resolve)).then(() => release(item, held)).catch(stop)
      done.catch(() => {}) // handled: awaited below, after the lanes
      released.push(done)
    }
  }
  await Promise.all(Array.from({length: Math.min(limit, items.length)}, lane))
  await Promise.all(released)
}

/**
 * Layers ordered by decreasing solve cost, M²·N for the Gram plus M³ for the eigenvalues per slice (longest
 * processing time first, Graham 1969): the last layers to start are the cheap ones, so the workers finish
 * together. Stable for equal costs; the report keeps the checkpoint's order (layer_id).
 */
function largestFirst<T extends {geometry: MatrixGeometry}>(items: readonly T[]): T[] {
  const cost = ({geometry: g}: T) => g.rf * g.M * g.M * (g.N + g.M)
  return [...items].sort((a, b) => cost(b) - cost(a))
}

/**
 * Workers for the pool: --threads (default: the cores), but never more than there are matrices to solve (the
 * slices of all selected layers). The pool gives each worker floor(cores / workers) BLAS threads, so a checkpoint
 * with fewer matrices than cores (one big matrix, say) gets multi-threaded BLAS instead of idle workers.
 */
function workerCount(threads: number | undefined, chosen: readonly {geometry: MatrixGeometry}[]): number {
  const matrices = chosen.reduce((n, c) => n + c.geometry.rf, 0)
  return Math.max(1, Math.min(threads ?? availableParallelism(), matrices))
}

/** Analyses every selected layer of the checkpoint at `path`. */
export async function analyzeCheckpoint(
  path: string,
  o: AnalyzeOptions,
  onLayer: (name: string) => void = () => {},
): Promise<AnalyzeResult> {
  const ck = await openCheckpoint(path)
  let pool: LinalgPool | undefined
  // the cache holds float64-Gram spectra; --gram float32 neither reads nor writes it
  const cache = o.gram === 'float64' ? openSpectraCache(o.cacheDir) : undefined
  const use: CacheUse = {dir: cache?.dir ?? null, solved: 0, cached: 0}
  try {
    const skipped: SkippedTensor[] = []
    const chosen: {entry: TensorEntry; geometry: MatrixGeometry; id: number}[] = []
    for (const entry of ck.tensors) {
      const s = selectTensor(entry, o)
      if ('skipped' in s) skipped.push(s.skipped)
      else chosen.push({...s, id: chosen.length})
    }
    const mine = layersOfShard(chosen, o.shard)
    pool = createLinalgPool({threads: workerCount(o.threads, mine)})
    const eigenvalues = new Map<string, Float64Array>()
    const layers: SpectralLayer[] = new Array(chosen.length)
    // At most `threads` tensors in flight bounds memory to one tensor per worker; largest first (below).
    await forEachInFlight(
      largestFirst(mine),
      Math.max(1, pool.threads),
      ({entry, geometry}) => layerSpectra(ck, pool!, cache, use, entry, geometry, o),
      async ({entry, geometry, id}, spectra) => {
        const {esd, metrics} = await layerResult(cache, entry, geometry, spectra, o)
        if (o.keepEigenvalues) eigenvalues.set(entry.name, esd.evals)
        layers[id] = {name: entry.name, layer_id: id, dtype: entry.dtype, shape: [...entry.shape], ...metrics}
        onLayer(entry.name)
      },
    )
    const ordered = chosen.map((c) => c.entry.name)
    const sortedEigs = new Map(ordered.filter((n) => eigenvalues.has(n)).map((n) => [n, eigenvalues.get(n)!] as const))
    const analysed = layers.filter(() => true) // a shard leaves the other shards' ids as holes
    return {
      layers: analysed,
      skipped,
      summary: summarize(analysed, skipped.length),
      eigenvalues: sortedEigs,
      files: [...ck.files],
      cache: use,
      selected: chosen.length,
    }
  } finally {
    await pool?.close()
    await ck.close()
  }
}

/** Count of layers `analyzeCheckpoint` would analyse (for the progress bar) without reading data. */
export async function countSelected(path: string, o: SelectionOptions & {shard?: ShardSpec}): Promise<number> {
  const ck = await openCheckpoint(path)
  try {
    const chosen = ck.tensors.flatMap((e) => {
      const s = selectTensor(e, o)
      return 'skipped' in s ? [] : [s.geometry]
    })
    return layersOfShard(
      chosen.map((geometry, id) => ({geometry, id})),
      o.shard,
    ).length
  } finally {
    await ck.close()
  }
}
