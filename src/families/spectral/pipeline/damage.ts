/**
 * Quantization damage (`spectral diff A B` on two checkpoints): which layers a quantized or converted copy B
 * hurt. Tensors are paired by name or through the GGUF ↔ Hugging Face map (core/checkpoint/tensor-pairs.ts);
 * for every paired weight layer (the `spectral analyze` selection: 2-D dense, 4-D conv2d) A, B and B − A are
 * read in float64, one layer at a time, and their singular values solved by SVD (never the Gram: κ needs
 * σ_min). From them: relative Frobenius error (the ranking key), σ₁ change, spectral-norm error, top-k
 * eigenvalue shift, κ and Δκ (core/damage), and WeightWatcher's metrics of A and B from the same spectra,
 * whose deltas (Δα, ΔD, Δxmin, Δ stable rank, …) also fill the ordinary layer diff.
 */
import {openCheckpoint, type Checkpoint} from '../../../core/checkpoint/index.js'
import {
  pairTensors,
  readPairSide,
  type TensorPair,
  type UnmatchedTensor,
} from '../../../core/checkpoint/tensor-pairs.js'
import {difference, relativeFrobeniusError} from '../../../core/damage/frobenius-error.js'
import {spectrumDamage, type SpectrumDamage} from '../../../core/damage/spectrum-damage.js'
import {InputError} from '../../../core/errors.js'
import {createLinalgPool, type LinalgPool} from '../../../core/linalg/index.js'
import {combineEsd, matrixGeometry, weightSlices, type MatrixGeometry} from '../kernels/esd.js'
import {layerMetrics, type LayerMetrics} from '../kernels/layer-metrics.js'
import {summarize} from '../kernels/summary.js'
import type {SpectralLayer} from './analyze-checkpoint.js'
import {diffSpectral, type SpectralDiff} from './diff.js'
import {selectTensor, type SelectionOptions} from './layer-selection.js'

export interface DamageOptions extends SelectionOptions {
  /** How many top eigenvalues to compare. */
  readonly topK: number
  /** List tensors of A missing from B instead of refusing (exit 2). */
  readonly allowMissing: boolean
  readonly threads?: number
}

/** One damaged layer: the deltas are B − A. */
export interface DamageLayer extends SpectrumDamage {
  readonly name: string
  readonly b_name: string
  readonly gguf: string | null
  readonly dtype_a: string
  readonly dtype_b: string
  readonly shape: number[]
  readonly rank: number
  readonly rel_frobenius: number
  readonly alpha_a: number | null
  readonly delta_alpha: number | null
  readonly delta_D: number | null
  readonly delta_xmin: number | null
  readonly delta_stable_rank: number | null
}

export interface QuantizationDamage {
  readonly ranking: 'rel_frobenius (descending)'
  readonly topK: number
  /** Most damaged first. */
  readonly layers: DamageLayer[]
  readonly unmatched: UnmatchedTensor[]
  readonly formats: {readonly a: string; readonly b: string}
}

export interface DamageRun {
  readonly damage: QuantizationDamage
  readonly diff: SpectralDiff
  readonly files: string[]
}

const FIT = {fixFingers: 'none', fit: 'PL', mpFit: false} as const

/** Pairs, reads and measures every weight layer of A against B. */
export async function measureDamage(
  pathA: string,
  pathB: string,
  o: DamageOptions,
  onLayer: (name: string) => void = () => {},
): Promise<DamageRun> {
  const A = await openCheckpoint(pathA)
  let B: Checkpoint | undefined
  let pool: LinalgPool | undefined
  try {
    B = await openCheckpoint(pathB)
    const wanted = (e: Checkpoint['tensors'][number]) => !('skipped' in selectTensor(e, o))
    const {pairs, unmatched} = pairTensors({checkpoint: A, path: pathA}, {checkpoint: B, path: pathB}, wanted)
    checkPairing(pairs, unmatched, pathA, pathB, o.allowMissing)
    pool = createLinalgPool({threads: o.threads})
    const rows: {layer: DamageLayer; a: SpectralLayer; b: SpectralLayer}[] = []
    for (const [id, pair] of pairs.entries()) {
      rows.push(await measurePair(A, B, pool, pair, id, o.topK))
      onLayer(pair.name)
    }
    const layers = rows.map((r) => r.layer).sort((x, y) => y.rel_frobenius - x.rel_frobenius)
    const side = (k: 'a' | 'b') => {
      const ls = rows.map((r) => r[k])
      return {layers: ls, summary: {means: summarize(ls, 0).means as Record<string, number>}}
    }
    return {
      damage: {
        ranking: 'rel_frobenius (descending)',
        topK: o.topK,
        layers: layers.map((l, i) => ({...l, rank: i + 1})),
        unmatched,
        formats: {a: A.format, b: B.format},
      },
      diff: diffSpectral(side('a'), side('b')),
      files: [...(A.layout.indexFile ? [A.layout.indexFile] : []), ...A.files, ...B.files],
    }
  } finally {
    await pool?.close()
    await B?.close()
    await A.close()
  }
}

function checkPairing(
  pairs: readonly TensorPair[],
  unmatched: readonly UnmatchedTensor[],
  pathA: string,
  pathB: string,
  allowMissing: boolean,
): void {
  if (pairs.length === 0)
    throw new InputError(`no weight layer of A matched a tensor of B by name or through the GGUF name map`, {
      file: pathB,
    })
  const missing = unmatched.find((u) => u.side === 'A')
  if (missing && !allowMissing)
    throw new InputError(`B has no tensor ${missing.name} of A (${missing.reason}; --allow-missing lists it)`, {
      file: pathB,
      field: `tensor ${missing.name}`,
    })
}

async function measurePair(
  A: Checkpoint,
  B: Checkpoint,
  pool: LinalgPool,
  pair: TensorPair,
  id: number,
  topK: number,
): Promise<{layer: DamageLayer; a: SpectralLayer; b: SpectralLayer}> {
  const g = matrixGeometry(pair.a.shape)!
  const wa = await readPairSide(A, pair.a, pair.aHeads)
  const wb = await readPairSide(B, pair.b, pair.bHeads)
  const [sa, sb, sd] = await Promise.all(
    [wa, wb, difference(wa, wb)].map((w) => sliceSingularValues(pool, w, pair.a.shape, g, pair.name)),
  )
  const ma = spectralMetrics(sa, g)
  const mb = spectralMetrics(sb, g)
  const delta = (k: 'alpha' | 'D' | 'xmin' | 'stable_rank') => {
    const x = ma[k]
    const y = mb[k]
    return typeof x === 'number' && typeof y === 'number' ? y - x : null
  }
  const layer: DamageLayer = {
    name: pair.name,
    b_name: pair.b.name,
    gguf: pair.gguf,
    dtype_a: pair.a.dtype,
    dtype_b: pair.b.dtype,
    shape: [...pair.a.shape],
    rank: 0,
    rel_frobenius: relativeFrobeniusError(wa, wb),
    ...spectrumDamage(concat(sa), concat(sb), concat(sd), topK),
    alpha_a: ma.alpha,
    delta_alpha: delta('alpha'),
    delta_D: delta('D'),
    delta_xmin: delta('xmin'),
    delta_stable_rank: delta('stable_rank'),
  }
  const row = (entryDtype: string, m: LayerMetrics): SpectralLayer => ({
    name: pair.name,
    layer_id: id,
    dtype: entryDtype,
    shape: [...pair.a.shape],
    ...m,
  })
  return {layer, a: row(pair.a.dtype, ma), b: row(pair.b.dtype, mb)}
}

/** Singular values (descending) of every slice of the tensor (one for dense, kh·kw for conv2d). */
async function sliceSingularValues(
  pool: LinalgPool,
  w: Float64Array,
  shape: readonly number[],
  g: MatrixGeometry,
  name: string,
): Promise<Float64Array[]> {
  return Promise.all(weightSlices(w, shape).map((s) => pool.svdvals(s, g.rows, g.cols, {name})))
}

/** WeightWatcher's layer metrics from the SVD spectra (λ = σ², pooled and scaled as `spectral analyze` does). */
function spectralMetrics(perSlice: readonly Float64Array[], g: MatrixGeometry): LayerMetrics {
  const evals = perSlice.map((s) => s.map((v) => v * v))
  return layerMetrics(combineEsd(evals, g), g, FIT)
}

function concat(parts: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0))
  let offset = 0
  for (const p of parts) {
    out.set(p, offset)
    offset += p.length
  }
  return out
}
