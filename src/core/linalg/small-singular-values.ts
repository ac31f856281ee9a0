/**
 * The smallest singular values of a square matrix to full relative accuracy without an SVD: the Gram gives
 * every σ cheaply but squares κ, so its small end is noise once κ is large (gram-accuracy.ts); here the p
 * values the Gram cannot vouch for are recomputed from one LU factorization, as the p largest eigenvalues
 * 1/σ² of B = (M·Mᵀ)⁻¹, by subspace iteration with Rayleigh–Ritz (Golub & Van Loan §8.2.4, §10.1), and
 * kept only when a residual bound proves them (Parlett, The Symmetric Eigenvalue Problem, Thm 11.5.1):
 *
 *   for orthonormal Ritz vectors X_C of a cluster C with Ritz values θ_C and residual R_C = B·X_C − X_C·Θ_C,
 *   B has |C| eigenvalues within ‖R_C‖₂ ≤ ‖R_C‖_F of the θ_C. When the clusters' intervals are disjoint and all
 *   lie above λ_{p+1}(B) = 1/σ²_(p+1) (a σ the Gram does vouch for), those eigenvalues are exactly the p largest,
 *   so each θᵢ is within ‖R_C‖ of λᵢ.
 *
 * With ‖R_C‖ ≤ tolerance·θ the refined σ = 1/√θ are within tolerance/2 relative of those of the factored matrix;
 * the LU's own rounding is bounded separately (luRouteAccepted). For a 4096² matrix with κ ≈ 10⁴ this costs the
 * LU (⅔n³, level-3 BLAS) and a few dozen block solves, about half of what DGESDD spends.
 */
import {symmetricEigen} from './jacobi-eigen.js'
import type {LinalgSolver, LuFactors} from './linalg-solver.js'
import {seededRandom} from '../random/sfc32.js'

export interface SmallEndOptions {
  /** Relative accuracy proved for every replaced σ. */
  readonly tolerance: number
  /** Give up (and let the caller run an SVD) after this many block iterations. */
  readonly maxIterations?: number
}

/** Refinement beyond this many values costs more than it saves: the caller runs an SVD instead. */
export const MAX_REFINED = 256

/**
 * `sigma` (descending, the Gram's σ of the n × n matrix `w`) with its `count` smallest values replaced by proven
 * ones, or undefined when the LU is singular, the count is out of range, or the bound is not reached.
 */
export function refineSmallSingularValues(
  solver: LinalgSolver,
  w: Float64Array | Float32Array,
  n: number,
  sigma: Float64Array,
  count: number,
  options: SmallEndOptions,
): Float64Array | undefined {
  if (count < 1 || count > MAX_REFINED || count >= n) return undefined
  const factors = solver.luFactor(w, n)
  if (factors.info !== 0) return undefined
  const fence = sigma[n - 1 - count] * (1 - options.tolerance)
  const theta = largestInverseEigenvalues(solver, factors, n, count, 1 / (fence * fence), options)
  if (!theta) return undefined
  const out = Float64Array.from(sigma)
  for (let i = 0; i < count; i++) out[n - 1 - i] = 1 / Math.sqrt(theta[i])
  return out
}

/** The `count` largest eigenvalues of B = M⁻ᵀM⁻¹ (descending), proven above `ceiling` ≥ λ_{count+1}(B). */
function largestInverseEigenvalues(
  solver: LinalgSolver,
  factors: LuFactors,
  n: number,
  count: number,
  ceiling: number,
  options: SmallEndOptions,
): Float64Array | undefined {
  const block = Math.min(n, 2 * count + 8)
  let q = orthonormalize(randomBlock(n, block), n, block)
  for (let iteration = 0; iteration < (options.maxIterations ?? 100); iteration++) {
    const y = solver.luSolve(factors, n, q, block, false) // M⁻¹Q
    const ritz = symmetricEigen(crossProduct(y, y, n, block), block) // QᵀBQ = YᵀY, ascending
    const z = solver.luSolve(factors, n, y, block, true) // M⁻ᵀY = BQ
    const theta = new Float64Array(count)
    const residuals = new Float64Array(count)
    for (let i = 0; i < count; i++) {
      const k = block - 1 - i
      theta[i] = ritz.values[k]
      residuals[i] = ritzResidual(q, z, ritz.vectors, block, k, theta[i], n)
    }
    if (proven(theta, residuals, ceiling, options.tolerance)) return theta
    q = orthonormalize(z, n, block)
  }
  return undefined
}

/** Cᵀ·D for column-major n × b blocks C, D (b × b, row-major = column-major: it is symmetric here). */
function crossProduct(c: Float64Array, d: Float64Array, n: number, b: number): Float64Array {
  const out = new Float64Array(b * b)
  for (let i = 0; i < b; i++) {
    const ci = c.subarray(i * n, (i + 1) * n)
    for (let j = i; j < b; j++) {
      const dj = d.subarray(j * n, (j + 1) * n)
      let s = 0
      for (let r = 0; r < n; r++) s += ci[r] * dj[r]
      out[i * b + j] = out[j * b + i] = s
    }
  }
  return out
}

/** ‖B·x − θ·x‖ for the Ritz vector x = Q·v, v = column k of the Jacobi vectors (row-major b × b); B·x = Z·v. */
function ritzResidual(
  q: Float64Array,
  z: Float64Array,
  vectors: Float64Array,
  b: number,
  k: number,
  theta: number,
  n: number,
): number {
  const r = new Float64Array(n)
  for (let j = 0; j < b; j++) {
    const v = vectors[j * b + k]
    if (v === 0) continue
    const zj = z.subarray(j * n, (j + 1) * n)
    const qj = q.subarray(j * n, (j + 1) * n)
    for (let i = 0; i < n; i++) r[i] += v * (zj[i] - theta * qj[i])
  }
  let s = 0
  for (let i = 0; i < n; i++) s += r[i] * r[i]
  return Math.sqrt(s)
}

/**
 * The certificate of the header: group Ritz values (descending θ) whose intervals overlap into clusters of radius
 * ‖R_C‖_F, until the intervals are disjoint; every radius within tolerance·θ and the lowest interval above the
 * ceiling.
 */
export function proven(theta: Float64Array, residuals: Float64Array, ceiling: number, tolerance: number): boolean {
  const p = theta.length
  if (!(theta[p - 1] > 0)) return false
  let starts = Array.from({length: p}, (_, i) => i)
  for (;;) {
    const clusters = starts.map((s, c) => ({start: s, end: c + 1 < starts.length ? starts[c + 1] : p}))
    const radius = clusters.map(({start, end}) => Math.hypot(...residuals.subarray(start, end)))
    const merged: number[] = [0]
    for (let c = 1; c < clusters.length; c++) {
      const upperOfLower = theta[clusters[c].start] + radius[c]
      const lowerOfUpper = theta[clusters[c - 1].end - 1] - radius[c - 1]
      if (upperOfLower >= lowerOfUpper) continue // overlap: merge cluster c into the previous one
      merged.push(clusters[c].start)
    }
    if (merged.length === starts.length) {
      const last = clusters.length - 1
      if (theta[p - 1] - radius[last] <= ceiling) return false
      return clusters.every(({end}, c) => radius[c] <= tolerance * theta[end - 1])
    }
    starts = merged
  }
}

function randomBlock(n: number, b: number): Float64Array {
  const random = seededRandom(0x5eed)
  return Float64Array.from({length: n * b}, () => random() - 0.5)
}

/** Modified Gram–Schmidt, twice ("twice is enough", Giraud et al. 2005), of the columns of an n × b block. */
function orthonormalize(block: Float64Array, n: number, b: number): Float64Array {
  const q = Float64Array.from(block)
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < b; j++) {
      const qj = q.subarray(j * n, (j + 1) * n)
      for (let i = 0; i < j; i++) {
        const qi = q.subarray(i * n, (i + 1) * n)
        let d = 0
        for (let r = 0; r < n; r++) d += qi[r] * qj[r]
        for (let r = 0; r < n; r++) qj[r] -= d * qi[r]
      }
      let norm = 0
      for (let r = 0; r < n; r++) norm += qj[r] * qj[r]
      const inverse = 1 / Math.sqrt(norm)
      for (let r = 0; r < n; r++) qj[r] *= inverse
    }
  }
  return q
}
