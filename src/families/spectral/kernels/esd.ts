/**
 * Empirical spectral density (ESD) of a layer, following WeightWatcher 0.7.5.5 (`combined_eigenvalues`,
 * `conv2D_Wmats`, `apply_normalize_Wmats`): λ = σ² of W in float64, NOT divided by N.
 * Dense: one matrix, N = max(shape), M = min(shape). Conv2d (Cout, Cin, kh, kw): kh·kw slices of
 * Cout×Cin whose eigenvalues are pooled into one ESD (M·rf values, rf = kh·kw) and halved
 * (`conv2d_norm`: W·√(1/2)). The eigen-solver is injected (Gram + eigvalsh on the engine), so the
 * Gram route's tiny negative eigenvalues are clipped to 0 here.
 */

export type LayerType = 'dense' | 'conv2d'

export interface MatrixGeometry {
  readonly layer_type: LayerType
  /** Larger / smaller side of each matrix (slice). */
  readonly N: number
  readonly M: number
  /** Receptive field: 1 for dense, kh·kw for conv2d. */
  readonly rf: number
  /** Rows and columns of each (slice) matrix as stored. */
  readonly rows: number
  readonly cols: number
}

/** Geometry of a 2-D (dense) or 4-D (conv2d, torch layout Cout×Cin×kh×kw) tensor; undefined otherwise. */
export function matrixGeometry(shape: readonly number[]): MatrixGeometry | undefined {
  if (shape.length === 2) {
    const [rows, cols] = shape
    return {layer_type: 'dense', N: Math.max(rows, cols), M: Math.min(rows, cols), rf: 1, rows, cols}
  }
  if (shape.length === 4) {
    const [cout, cin, kh, kw] = shape
    return {layer_type: 'conv2d', N: Math.max(cout, cin), M: Math.min(cout, cin), rf: kh * kw, rows: cout, cols: cin}
  }
  return undefined
}

/** Slice (i, j) of a conv kernel (Cout, Cin, kh, kw) as a row-major Cout×Cin float64 matrix. */
export function conv2dSlice(data: ArrayLike<number>, shape: readonly number[], i: number, j: number): Float64Array {
  const [cout, cin, kh, kw] = shape
  const out = new Float64Array(cout * cin)
  const plane = kh * kw
  const at = i * kw + j
  for (let o = 0; o < cout; o++) for (let c = 0; c < cin; c++) out[o * cin + c] = data[(o * cin + c) * plane + at]
  return out
}

/** The slices WeightWatcher builds for a tensor (one for dense). */
export function weightSlices(
  data: Float32Array | Float64Array,
  shape: readonly number[],
): (Float32Array | Float64Array)[] {
  if (shape.length === 2) return [data]
  const [, , kh, kw] = shape
  const slices: Float64Array[] = []
  for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) slices.push(conv2dSlice(data, shape, i, j))
  return slices
}

export interface Esd {
  /** All eigenvalues, ascending. */
  readonly evals: Float64Array
  readonly sv_max: number
  /** Min σ; pooled conv2d: the max over slices of each slice's minimum (as WW). */
  readonly sv_min: number
  /** Σ over slices of len(σ) − #{σ > σmax·N·eps}. */
  readonly rank_loss: number
  /** #{λ < 1e-6} (WW `weak_rank_loss`, `tolerance`). */
  readonly weak_rank_loss: number
}

const EPS64 = 2 ** -52
const WEAK_RANK_TOLERANCE = 1e-6

/** Combines per-slice eigenvalues (any order, from the Gram route) into the layer ESD. */
export function combineEsd(sliceEvals: readonly ArrayLike<number>[], geometry: MatrixGeometry): Esd {
  const scale = geometry.layer_type === 'conv2d' ? 0.5 : 1
  const total = sliceEvals.reduce((s, e) => s + e.length, 0)
  const evals = new Float64Array(total)
  let offset = 0
  let svMax = 0
  let svMin = 0
  let rankLoss = 0
  for (const slice of sliceEvals) {
    let sMax = 0
    let sMin = Infinity
    for (let k = 0; k < slice.length; k++) {
      const lam = Math.max(0, slice[k]) * scale
      evals[offset + k] = lam
      const sv = Math.sqrt(lam)
      sMax = Math.max(sMax, sv)
      sMin = Math.min(sMin, sv)
    }
    const tol = sMax * geometry.N * EPS64
    let rank = 0
    for (let k = 0; k < slice.length; k++) if (Math.sqrt(evals[offset + k]) > tol) rank++
    rankLoss += slice.length - rank
    svMax = Math.max(svMax, sMax)
    svMin = Math.max(svMin, sMin)
    offset += slice.length
  }
  evals.sort()
  let weak = 0
  for (let k = 0; k < total; k++) if (evals[k] < WEAK_RANK_TOLERANCE) weak++
  return {evals, sv_max: svMax, sv_min: svMin, rank_loss: rankLoss, weak_rank_loss: weak}
}
