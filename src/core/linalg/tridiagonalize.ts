/**
 * Longer than 250 lines on purpose: the blocked panel reduction, its trailing update and the SIMD/plain mat-vec
 * variants are one hot loop nest; splitting would cost a call per column.
 *
 * Householder reduction of a symmetric matrix to tridiagonal form, eigenvalues only
 * (no Q is accumulated), blocked as in LAPACK DSYTRD/DLATRD (Dongarra, Sorensen & Hammarling,
 * "Block reduction of matrices to condensed forms for eigenvalue computations", J. Comput.
 * Appl. Math. 27 (1989) 215, doi:10.1016/0377-0427(89)90367-1; Golub & Van Loan 4th ed.,
 * Alg. 8.3.1 for the reflectors). A panel of NB reflectors is generated while the trailing
 * matrix stays untouched: each step's product A'v is the symmetric mat-vec with the stored
 * matrix corrected by the panel's V Wᵀ + W Vᵀ, and only the panel's own rows are brought up to
 * date. The trailing matrix then receives all NB rank-2 updates at once through the
 * dot-product kernel (rank-update.ts), which is where half the flops go.
 * Only the upper triangle (row-major, contiguous rows) is read and written; the input is
 * copied, never mutated. The copy and the panel live in one WebAssembly memory when the SIMD
 * kernels are available (simd-kernels.ts): the trailing update and the mat-vec then run in f64x2.
 */
import {generateReflector} from './householder-vector.js'
import {symmetricRankUpdate} from './rank-update.js'
import {type SimdKernels, allocateFloat64, simdKernelsFor} from './simd-kernels.js'

/** Panel width: 2·NB doubles per panel row stay in L1 during the trailing update. */
const NB = 32

export interface Tridiagonal {
  /** Diagonal, length n. */
  readonly d: Float64Array
  /** Off-diagonal, length n (e[i] couples i and i+1; e[n-1] = 0). */
  readonly e: Float64Array
}

/** The panel being built: row r of x is [V_r, W_r] and of y is [W_r, V_r] (2·NB doubles each). */
interface Panel {
  readonly x: Float64Array
  readonly y: Float64Array
  readonly v: Float64Array
  readonly p: Float64Array
  readonly z: Float64Array
}

/** Reduces the symmetric n x n matrix `a` (upper triangle used) to tridiagonal T = Qᵀ A Q. */
export function tridiagonalize(a: Float64Array, n: number): Tridiagonal {
  const ld = 2 * NB
  const [w, x, y, v, p] = allocateFloat64(n * n, n * ld, n * ld, n, n)
  w.set(a.subarray(0, n * n))
  const d = new Float64Array(n)
  const e = new Float64Array(n)
  const panel: Panel = {x, y, v, p, z: new Float64Array(ld)}
  for (let k0 = 0; k0 < n - 1; k0 += NB) {
    const k1 = Math.min(k0 + NB, n - 1)
    panel.x.fill(0, k0 * ld)
    panel.y.fill(0, k0 * ld)
    for (let k = k0; k < k1; k++) reduceRow(w, n, k, k - k0, panel, d, e)
    // trailing matrix ← A − V Wᵀ − W Vᵀ (upper triangle), all reflectors of the panel at once
    symmetricRankUpdate(w, n, k1, n, panel.x, panel.y, ld, 0, ld, -1)
  }
  d[n - 1] = w[n * n - 1]
  return {d, e}
}

/**
 * Step k of the panel (jj = k − k0 reflectors before it): update row k, reflect its part right
 * of the diagonal to β e₀, and store v and w = τA'v − (τ²/2)(vᵀA'v) v (GVL eq. 8.3.2) in the panel.
 */
function reduceRow(
  w: Float64Array,
  n: number,
  k: number,
  jj: number,
  panel: Panel,
  d: Float64Array,
  e: Float64Array,
): void {
  const {x, y, v, p, z} = panel
  const ld = 2 * NB
  if (jj > 0) updateRowFromPanel(w, n, k, jj, x, y)
  d[k] = w[k * n + k]
  const s = k + 1
  const {tau, beta} = generateReflector(w, k * n + s, 1, n - s, v, s)
  e[k] = beta
  if (tau === 0) return // H = I: v and w stay zero in the panel
  p.fill(0, s)
  const simd = simdKernelsFor(w, v, p)
  if (simd) simdSymmetricMatVec(simd, w, n, s, v, p)
  else symmetricMatVec(w, n, s, v, p)
  if (jj > 0) subtractPanelProduct(x, y, ld, jj, s, n, v, p, z)
  let dot = 0
  for (let i = s; i < n; i++) {
    p[i] *= tau
    dot += p[i] * v[i]
  }
  const c = 0.5 * tau * dot
  for (let i = s; i < n; i++) {
    const wi = p[i] - c * v[i]
    const r = i * ld
    x[r + jj] = v[i]
    x[r + NB + jj] = wi
    y[r + jj] = wi
    y[r + NB + jj] = v[i]
  }
}

/** a[k, j] −= Σ_{t<jj} V[k,t] W[j,t] + W[k,t] V[j,t] for j ≥ k: row k sees the panel's earlier reflectors. */
function updateRowFromPanel(w: Float64Array, n: number, k: number, jj: number, x: Float64Array, y: Float64Array): void {
  const ld = 2 * NB
  const xk = k * ld
  const rk = k * n
  for (let j = k; j < n; j++) {
    const yj = j * ld
    let s0 = 0
    let s1 = 0
    for (let t = 0; t < jj; t++) {
      s0 += x[xk + t] * y[yj + t]
      s1 += x[xk + NB + t] * y[yj + NB + t]
    }
    w[rk + j] -= s0 + s1
  }
}

/** p −= V (Wᵀ v) + W (Vᵀ v) over rows ≥ s: the panel's pending updates applied to the mat-vec. */
function subtractPanelProduct(
  x: Float64Array,
  y: Float64Array,
  ld: number,
  jj: number,
  s: number,
  n: number,
  v: Float64Array,
  p: Float64Array,
  z: Float64Array,
): void {
  z.fill(0)
  for (let i = s; i < n; i++) {
    const vi = v[i]
    const r = i * ld
    for (let t = 0; t < jj; t++) {
      z[t] += y[r + t] * vi
      z[NB + t] += y[r + NB + t] * vi
    }
  }
  for (let i = s; i < n; i++) {
    const r = i * ld
    let acc = 0
    for (let t = 0; t < jj; t++) acc += x[r + t] * z[t] + x[r + NB + t] * z[NB + t]
    p[i] -= acc
  }
}

/**
 * p += A x over rows/cols ≥ s, A symmetric with its upper triangle stored (DSYMV). Four rows
 * per sweep: each loaded x[j] and p[j] serves four multiply-adds into row sums and four into p[j].
 */
function symmetricMatVec(w: Float64Array, n: number, s: number, x: Float64Array, p: Float64Array): void {
  let i = s
  for (; i + 3 < n; i += 4) {
    const r0 = i * n
    const r1 = r0 + n
    const r2 = r1 + n
    const r3 = r2 + n
    const x0 = x[i]
    const x1 = x[i + 1]
    const x2 = x[i + 2]
    const x3 = x[i + 3]
    const a01 = w[r0 + i + 1]
    const a02 = w[r0 + i + 2]
    const a03 = w[r0 + i + 3]
    const a12 = w[r1 + i + 2]
    const a13 = w[r1 + i + 3]
    const a23 = w[r2 + i + 3]
    let s0 = w[r0 + i] * x0 + a01 * x1 + a02 * x2 + a03 * x3
    let s1 = a01 * x0 + w[r1 + i + 1] * x1 + a12 * x2 + a13 * x3
    let s2 = a02 * x0 + a12 * x1 + w[r2 + i + 2] * x2 + a23 * x3
    let s3 = a03 * x0 + a13 * x1 + a23 * x2 + w[r3 + i + 3] * x3
    for (let j = i + 4; j < n; j++) {
      const xj = x[j]
      const b0 = w[r0 + j]
      const b1 = w[r1 + j]
      const b2 = w[r2 + j]
      const b3 = w[r3 + j]
      s0 += b0 * xj
      s1 += b1 * xj
      s2 += b2 * xj
      s3 += b3 * xj
      p[j] += b0 * x0 + b1 * x1 + b2 * x2 + b3 * x3
    }
    p[i] += s0
    p[i + 1] += s1
    p[i + 2] += s2
    p[i + 3] += s3
  }
  for (; i < n; i++) {
    const ri = i * n
    const xi = x[i]
    let acc = w[ri + i] * xi
    for (let j = i + 1; j < n; j++) {
      const b = w[ri + j]
      acc += b * x[j]
      p[j] += b * xi
    }
    p[i] += acc
  }
}

/**
 * The same product with the column sweep of each 4-row group in the wasm kernel `symv4`: the
 * 4 x 4 diagonal block, and one column when the rest is odd, stay here; the kernel takes pairs.
 */
function simdSymmetricMatVec(
  simd: SimdKernels,
  w: Float64Array,
  n: number,
  s: number,
  x: Float64Array,
  p: Float64Array,
): void {
  let i = s
  for (; i + 3 < n; i += 4) {
    const r0 = i * n
    const r1 = r0 + n
    const r2 = r1 + n
    const r3 = r2 + n
    const x0 = x[i]
    const x1 = x[i + 1]
    const x2 = x[i + 2]
    const x3 = x[i + 3]
    const a01 = w[r0 + i + 1]
    const a02 = w[r0 + i + 2]
    const a03 = w[r0 + i + 3]
    const a12 = w[r1 + i + 2]
    const a13 = w[r1 + i + 3]
    const a23 = w[r2 + i + 3]
    let s0 = w[r0 + i] * x0 + a01 * x1 + a02 * x2 + a03 * x3
    let s1 = a01 * x0 + w[r1 + i + 1] * x1 + a12 * x2 + a13 * x3
    let s2 = a02 * x0 + a12 * x1 + w[r2 + i + 2] * x2 + a23 * x3
    let s3 = a03 * x0 + a13 * x1 + a23 * x2 + w[r3 + i + 3] * x3
    let j = i + 4
    if ((n - j) % 2 === 1) {
      const xj = x[j]
      const b0 = w[r0 + j]
      const b1 = w[r1 + j]
      const b2 = w[r2 + j]
      const b3 = w[r3 + j]
      s0 += b0 * xj
      s1 += b1 * xj
      s2 += b2 * xj
      s3 += b3 * xj
      p[j] += b0 * x0 + b1 * x1 + b2 * x2 + b3 * x3
      j++
    }
    p[i] += s0
    p[i + 1] += s1
    p[i + 2] += s2
    p[i + 3] += s3
    const at = (array: Float64Array, k: number) => array.byteOffset + 8 * k
    if (j < n) simd.symv4(at(w, r0 + j), 8 * n, at(x, j), at(p, j), n - j, at(x, i), at(p, i))
  }
  for (; i < n; i++) {
    const ri = i * n
    const xi = x[i]
    let acc = w[ri + i] * xi
    for (let j = i + 1; j < n; j++) {
      const b = w[ri + j]
      acc += b * x[j]
      p[j] += b * xi
    }
    p[i] += acc
  }
}
