/**
 * Calibration of the LU route's accuracy model (core/linalg/gram-accuracy.ts luRouteAccepted): for square
 * matrices with planted spectra (W = H₁·diag(σ)·H₂, most σ in [0.5, 1], a tail falling geometrically to 1/κ) and
 * the Gaussian-like matrices of bench/kappa/plan.ts, the small end is re-solved from the LU with the refinement
 * forced (no acceptance test) and compared with DGESDD on the same stored W. Prints, per case, the largest
 * relative difference of any σ and that difference in units of u·κ (u = 2⁻⁵³); the model accepts the route
 * when u·κ·c ≤ tolerance/4 for the c chosen from these figures.
 * Run: npm run bench -- engine/lu-route-accuracy [--sizes 256,1024] (needs the LAPACK addon)
 */
import {chooseEigensolver} from '../../src/core/linalg/index.js'
import {gramInaccurateCount} from '../../src/core/linalg/gram-accuracy.js'
import {refineSmallSingularValues} from '../../src/core/linalg/small-singular-values.js'

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name)
  return i > 0 ? process.argv[i + 1] : fallback
}
const sizes = arg('--sizes', '256,1024').split(',').map(Number)
const solver = chooseEigensolver('lapack')
const U = 2 ** -53

function unitVector(n: number, seed: number): Float64Array {
  let s = seed >>> 0
  const v = Float64Array.from({length: n}, () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5)
  const norm = Math.hypot(...v)
  return v.map((x) => x / norm)
}

/** (I − 2uuᵀ)·diag(σ)·(I − 2vvᵀ), n × n, in O(n²). */
function planted(n: number, sigma: Float64Array, seed: number): Float64Array {
  const u = unitVector(n, seed)
  const v = unitVector(n, seed + 7)
  const w = new Float64Array(n * n)
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) w[i * n + j] = (i === j ? sigma[i] : 0) - 2 * sigma[i] * v[i] * v[j]
  const utw = new Float64Array(n)
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) utw[j] += u[i] * w[i * n + j]
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) w[i * n + j] -= 2 * u[i] * utw[j]
  return w
}

function gaussianLike(n: number, seed: number): Float64Array {
  let s = seed >>> 0
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32
  return Float64Array.from({length: n * n}, () => Math.fround(((next() + next() + next() - 1.5) * 2) / Math.sqrt(n)))
}

function measure(label: string, w: Float64Array, n: number): void {
  const lambda = solver.eigvalsh(solver.gram(w, n, n), n)
  const sigma = Float64Array.from({length: n}, (_, i) => Math.sqrt(Math.max(0, lambda[n - 1 - i])))
  const count = Math.max(1, gramInaccurateCount(sigma, n, n))
  const refined = refineSmallSingularValues(solver, w, n, sigma, count, {tolerance: 1e-9, maxIterations: 300})
  const svd = solver.svdvals(w, n, n)
  const kappa = svd[0] / svd[n - 1]
  if (!refined) {
    console.log(`${label.padEnd(34)} κ ${kappa.toExponential(2)}  refinement not proven`)
    return
  }
  let worst = 0
  for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(refined[i] / svd[i] - 1))
  console.log(
    `${label.padEnd(34)} κ ${kappa.toExponential(2)}  refined ${String(count).padStart(3)}  max rel diff ${worst.toExponential(2)}  = ${(worst / (U * kappa)).toFixed(3)} u·κ`,
  )
}

for (const n of sizes) {
  for (const kappa of [1e3, 1e4, 1e5, 1e6, 1e7]) {
    const tail = Math.max(4, Math.round(n / 40))
    const sigma = Float64Array.from({length: n}, (_, i) =>
      i < n - tail ? 1 - (0.5 * i) / (n - tail) : 0.5 * (2 / kappa) ** ((i - (n - tail) + 1) / tail),
    )
    measure(`planted ${n}², tail ${tail}`, planted(n, sigma, Math.round(Math.log(kappa) * 97)), n)
  }
  for (const seed of [1, 2, 3]) measure(`gaussian-like ${n}², seed ${seed}`, gaussianLike(n, seed * 7919 + n), n)
}
