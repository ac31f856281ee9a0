/** Loads test/fixtures/linalg/reference.json (numpy values written by make-reference.py) and builds known-spectrum matrices. */
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {availableEigensolvers} from '../../../src/core/linalg/eigensolver-registry.js'
import type {LinalgSolver} from '../../../src/core/linalg/linalg-solver.js'
import {nonEmpty} from '../../helpers/fixture.js'

export interface ReferenceCase {
  name: string
  kind: 'eigvalsh' | 'rectangular' | 'ill-conditioned'
  rows: number
  cols: number
  matrix: Float64Array
  eigenvalues?: number[]
  singularValues?: number[]
  gramEigenvalues?: number[]
  constructedSingularValues?: number[]
}

export function loadReference(): ReferenceCase[] {
  const raw = JSON.parse(readFileSync(new URL('../../fixtures/linalg/reference.json', import.meta.url), 'utf8')) as {
    cases: any[]
  }
  return nonEmpty(raw.cases, 'linalg reference.json cases').map((c) => {
    const bytes = Buffer.from(c.matrix, 'base64')
    const matrix = new Float64Array(bytes.byteLength / 8)
    for (let i = 0; i < matrix.length; i++) matrix[i] = bytes.readDoubleLE(i * 8)
    return {...c, matrix}
  })
}

/** Every solver contract implementation, with a visible note when the native one is absent. */
export function solversUnderTest(): {solvers: LinalgSolver[]; nativeMissing: boolean} {
  const solvers = availableEigensolvers()
  return {solvers, nativeMissing: !solvers.some((s) => s.id === 'lapack')}
}

/** max_i |x_i − y_i| ≤ tol · max_i |y_i| (relative to the largest reference value). */
export function assertCloseToScale(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tol: number,
  what: string,
): number {
  assert.equal(actual.length, expected.length, `${what}: length`)
  let scale = 0
  let err = 0
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]))
    err = Math.max(err, Math.abs(actual[i] - expected[i]))
  }
  const rel = scale === 0 ? err : err / scale
  assert.ok(rel <= tol, `${what}: max error ${rel.toExponential(2)} relative to the largest value exceeds ${tol}`)
  return rel
}

/** Deterministic uniform(-0.5, 0.5) numbers (32-bit LCG), for inputs whose expected output is a closed form. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 4294967296 - 0.5
  }
}

/** H = I − 2uuᵀ/uᵀu for a random u: exactly orthogonal up to rounding, so H diag(d) H has eigenvalues d. */
export function householderConjugate(d: readonly number[], seed: number): Float64Array {
  const n = d.length
  const rnd = lcg(seed)
  const u = Array.from({length: n}, () => rnd())
  const uu = u.reduce((s, x) => s + x * x, 0)
  const h = new Float64Array(n * n)
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) h[i * n + j] = (i === j ? 1 : 0) - (2 * u[i] * u[j]) / uu
  const a = new Float64Array(n * n)
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0
      for (let k = 0; k < n; k++) s += h[i * n + k] * d[k] * h[j * n + k]
      a[i * n + j] = s
      a[j * n + i] = s
    }
  }
  return a
}

/** U diag(s) Vᵀ (rows x cols, rows ≥ cols ⇒ s has cols entries) with Householder U and V. */
export function withSingularValues(s: readonly number[], rows: number, cols: number, seed: number): Float64Array {
  const k = s.length
  const hu = householder(rows, seed)
  const hv = householder(cols, seed + 1)
  const a = new Float64Array(rows * cols)
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let acc = 0
      for (let t = 0; t < k; t++) acc += hu[i * rows + t] * s[t] * hv[j * cols + t]
      a[i * cols + j] = acc
    }
  }
  return a
}

function householder(n: number, seed: number): Float64Array {
  const rnd = lcg(seed)
  const u = Array.from({length: n}, () => rnd())
  const uu = u.reduce((acc, x) => acc + x * x, 0)
  const h = new Float64Array(n * n)
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) h[i * n + j] = (i === j ? 1 : 0) - (2 * u[i] * u[j]) / uu
  return h
}

/** Deterministic unit vector (LCG) for a Householder reflection. */
function unitVector(n: number, seed: number): Float64Array {
  let s = seed >>> 0
  const v = Float64Array.from({length: n}, () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5)
  const norm = Math.hypot(...v)
  return v.map((x) => x / norm)
}

/**
 * Row-major rows × cols W = (I − 2uuᵀ)·diag(σ)·(I − 2vvᵀ): singular values exactly σ up to rounding (a few u·σmax
 * absolute, i.e. u·κ relative for σmin), formed in O(rows·cols) as D' = D − 2(Dv)vᵀ, W = D' − 2u(uᵀD').
 */
export function plantedSingular(rows: number, cols: number, sigma: ArrayLike<number>, seed: number): Float64Array {
  const u = unitVector(rows, seed)
  const v = unitVector(cols, seed + 7)
  const w = new Float64Array(rows * cols)
  for (let k = 0; k < sigma.length; k++) w[k * cols + k] = sigma[k]
  for (let i = 0; i < Math.min(rows, sigma.length); i++) {
    const dv = sigma[i] * v[i]
    for (let j = 0; j < cols; j++) w[i * cols + j] -= 2 * dv * v[j]
  }
  const utd = new Float64Array(cols)
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) utd[j] += u[i] * w[i * cols + j]
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) w[i * cols + j] -= 2 * u[i] * utd[j]
  return w
}
