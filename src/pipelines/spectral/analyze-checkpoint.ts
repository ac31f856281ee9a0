/**
 * The `spectral analyze` pipeline: open a checkpoint, select layers, stream one tensor (or a few, with
 * --threads) at a time through the float64 Gram + eigvalsh pool, and turn each ESD into WeightWatcher's
 * per-layer metrics. Eigenvalues are kept only when asked (NetCDF, plots).
 */
import {openCheckpoint, type Checkpoint, type TensorEntry} from '../../io/safetensors/index.js'
import {createLinalgPool, type LinalgPool} from '../../kernels/linalg/pool.js'
import {combineEsd, weightSlices, type MatrixGeometry} from '../../kernels/spectral/esd.js'
import {layerMetrics, type FitKind, type FixFingers, type LayerMetrics, type RandomEsds} from '../../kernels/spectral/layer-metrics.js'
import {randomReplicaCount} from '../../kernels/spectral/randomized-esd.js'
import {seededRandom, shuffled} from '../../kernels/spectral/seeded-random.js'
import {summarize, type SpectralSummary} from '../../kernels/spectral/summary.js'
import {openSpectraCache, type SpectraCache} from './cached-spectra.js'
import {selectTensor, type SelectionOptions, type SkippedTensor} from './layer-selection.js'

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
}

/** 32-bit FNV-1a of a tensor name: per-layer seeds that do not depend on which layers are selected. */
export function nameHash(name: string): number {
  let h = 0x811c9dc5
  for (const byte of Buffer.from(name, 'utf8')) h = Math.imul(h ^ byte, 0x01000193) >>> 0
  return h
}

/** Eigenvalues of every slice; `transfer` moves the buffers to the workers (no copy; the slices are then unusable). */
async function sliceEigenvalues(pool: LinalgPool, slices: (Float32Array | Float64Array)[], g: MatrixGeometry, name: string, transfer = false) {
  return Promise.all(slices.map((s) => pool.eigvalsGram(s, g.rows, g.cols, {name, transfer})))
}

async function randomEsds(pool: LinalgPool, slices: (Float32Array | Float64Array)[], g: MatrixGeometry, name: string, seed: number): Promise<RandomEsds> {
  const random = seededRandom((nameHash(name) ^ seed) >>> 0)
  const replicas: Float64Array[] = []
  for (let r = 0; r < randomReplicaCount(g.M); r++) {
    for (const s of slices) replicas.push(...(await sliceEigenvalues(pool, [shuffled(s, random)], g, name)))
  }
  const distance = await sliceEigenvalues(pool, slices.map((s) => shuffled(s, random)), g, name)
  return {replicas: combineEsd(replicas, g).evals, distance: combineEsd(distance, g).evals}
}

async function readSlices(ck: Checkpoint, entry: TensorEntry, o: AnalyzeOptions) {
  const data = o.gram === 'float32' ? await ck.readFloat32(entry) : await ck.readFloat64(entry)
  return weightSlices(data, entry.shape)
}

/** One layer: its ESD from the cache, or read + solved (and cached); then the metrics. */
async function analyzeTensor(ck: Checkpoint, pool: LinalgPool, cache: SpectraCache | undefined, use: CacheUse, entry: TensorEntry, g: MatrixGeometry, o: AnalyzeOptions) {
  let slices: (Float32Array | Float64Array)[] | undefined
  let perSlice = await cache?.get(entry, g.rf, g.M)
  if (perSlice) use.cached++
  else {
    slices = await readSlices(ck, entry, o)
    // streaming: without --randomize the tensor is not needed afterwards, so it moves to the worker uncopied
    const keep = o.randomizeSeed !== undefined
    perSlice = await sliceEigenvalues(pool, slices, g, entry.name, !keep)
    if (!keep) slices = undefined
    use.solved++
    await cache?.put(entry, perSlice)
  }
  const esd = combineEsd(perSlice, g)
  let random: RandomEsds | undefined
  if (o.randomizeSeed !== undefined) random = await randomEsds(pool, slices ?? (await readSlices(ck, entry, o)), g, entry.name, o.randomizeSeed)
  return {esd, metrics: layerMetrics(esd, g, {fixFingers: o.fixFingers, fit: o.fit, mpFit: o.mpFit}, random)}
}

/** Analyses every selected layer of the checkpoint at `path`. */
export async function analyzeCheckpoint(path: string, o: AnalyzeOptions, onLayer: (name: string) => void = () => {}): Promise<AnalyzeResult> {
  const ck = await openCheckpoint(path)
  const pool = createLinalgPool({threads: o.threads})
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
    const eigenvalues = new Map<string, Float64Array>()
    // A window of `threads` tensors in flight bounds memory to a few tensors at a time.
    const window = Math.max(1, pool.threads)
    const layers: SpectralLayer[] = new Array(chosen.length)
    for (let start = 0; start < chosen.length; start += window) {
      await Promise.all(
        chosen.slice(start, start + window).map(async ({entry, geometry, id}) => {
          const {esd, metrics} = await analyzeTensor(ck, pool, cache, use, entry, geometry, o)
          if (o.keepEigenvalues) eigenvalues.set(entry.name, esd.evals)
          layers[id] = {name: entry.name, layer_id: id, dtype: entry.dtype, shape: [...entry.shape], ...metrics}
          onLayer(entry.name)
        }),
      )
    }
    const ordered = chosen.map((c) => c.entry.name)
    const sortedEigs = new Map(ordered.filter((n) => eigenvalues.has(n)).map((n) => [n, eigenvalues.get(n)!] as const))
    return {layers, skipped, summary: summarize(layers, skipped.length), eigenvalues: sortedEigs, files: [...ck.files], cache: use}
  } finally {
    await pool.close()
    await ck.close()
  }
}

/** Count of layers `analyzeCheckpoint` would analyse (for the progress bar) without reading data. */
export async function countSelected(path: string, o: SelectionOptions): Promise<number> {
  const ck = await openCheckpoint(path)
  try {
    return ck.tensors.filter((e) => !('skipped' in selectTensor(e, o))).length
  } finally {
    await ck.close()
  }
}
