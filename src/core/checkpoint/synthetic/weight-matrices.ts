/**
 * Synthetic weight matrices with known spectral character, for demo checkpoints and
 * tests of the spectral (HTSR) tools. They mirror the constructions of the spectral
 * spec's seed-0 fixture (shared/specs/spectral.md §6.1), but avoid QR: random
 * Gaussian columns scaled by 1/√n are nearly orthonormal, which is enough for a demo.
 * Every matrix is row-major [out, in] (torch layout), scaled to element RMS `scale`.
 * - power-law spectrum: singular values s_j = j^(−1/(2(α−1))), so eigenvalues of WᵀW
 *   follow λ_j ∝ j^(−1/(α−1)), whose density has a power-law tail with exponent α
 *   (Martin & Mahoney, JMLR 22(165), 2021), plus Gaussian noise;
 * - Gaussian plus rank-1 spikes s_j = s0·j^(−p) (a "spiked" bulk);
 * - pure Gaussian (random-like, Marchenko–Pastur bulk);
 * - Student-t entries (heavy-tailed entries give a heavy-tailed ESD);
 * - a "correlation trap": Gaussian plus one huge rank-1 spike.
 */
import type {GaussianSampler} from '../../random/gaussian-sampler.js'
import {sampleStudentT} from '../../random/student-t-sampler.js'
import type {Rng32} from '../../random/xoshiro128.js'

export interface Sampler {
  readonly rng: Rng32
  readonly normal: GaussianSampler
}

/** Rescales to element RMS `scale` and converts to float32. */
function toRms(w: Float64Array, scale: number): Float32Array {
  let ss = 0
  for (const x of w) ss += x * x
  const f = scale / Math.sqrt(ss / w.length)
  return Float32Array.from(w, (x) => x * f)
}

/** n × k Gaussian matrix with entries N(0, 1/n): nearly orthonormal columns. */
function randomColumns(s: Sampler, n: number, k: number): Float64Array {
  const a = s.normal.fill(n * k)
  const f = 1 / Math.sqrt(n)
  for (let i = 0; i < a.length; i++) a[i] *= f
  return a
}

/** Adds Σ_j weights[j]·u_j v_jᵀ to w (out × in), u: out × k, v: in × k. */
function addLowRank(
  w: Float64Array,
  out: number,
  inn: number,
  u: Float64Array,
  v: Float64Array,
  weights: Float64Array,
): void {
  const k = weights.length
  for (let r = 0; r < out; r++) {
    for (let j = 0; j < k; j++) {
      const a = u[r * k + j] * weights[j]
      if (a === 0) continue
      const row = r * inn
      for (let c = 0; c < inn; c++) w[row + c] += a * v[c * k + j]
    }
  }
}

export function powerLawSpectrum(
  s: Sampler,
  out: number,
  inn: number,
  alpha: number,
  noise = 0.2,
  scale = 0.02,
): Float32Array {
  const m = Math.min(out, inn)
  const sv = Float64Array.from({length: m}, (_, j) => (j + 1) ** (-1 / (2 * (alpha - 1))))
  const w = new Float64Array(out * inn)
  addLowRank(w, out, inn, randomColumns(s, out, m), randomColumns(s, inn, m), sv)
  let ss = 0
  for (const x of w) ss += x * x
  const rms = Math.sqrt(ss / w.length)
  for (let i = 0; i < w.length; i++) w[i] = w[i] / rms + noise * s.normal.next()
  return toRms(w, scale)
}

export function gaussianWithSpikes(
  s: Sampler,
  out: number,
  inn: number,
  k = 8,
  s0 = 6,
  p = 0.7,
  scale = 0.02,
): Float32Array {
  const w = s.normal.fill(out * inn)
  const f = 1 / Math.sqrt(Math.max(out, inn))
  for (let i = 0; i < w.length; i++) w[i] *= f
  const sv = Float64Array.from({length: k}, (_, j) => s0 * (j + 1) ** -p)
  addLowRank(w, out, inn, randomColumns(s, out, k), randomColumns(s, inn, k), sv)
  return toRms(w, scale)
}

export function gaussian(s: Sampler, out: number, inn: number, scale = 0.02): Float32Array {
  return toRms(s.normal.fill(out * inn), scale)
}

export function studentT(s: Sampler, out: number, inn: number, df: number, scale = 0.02): Float32Array {
  const w = Float64Array.from({length: out * inn}, () => sampleStudentT(df, s.rng, s.normal))
  return toRms(w, scale)
}

export function correlationTrap(s: Sampler, out: number, inn: number, s0 = 30, scale = 0.02): Float32Array {
  const w = s.normal.fill(out * inn)
  const f = 1 / Math.sqrt(Math.max(out, inn))
  for (let i = 0; i < w.length; i++) w[i] *= f
  addLowRank(w, out, inn, randomColumns(s, out, 1), randomColumns(s, inn, 1), Float64Array.of(s0))
  return toRms(w, scale)
}

/** A 1-D norm weight: ones plus small Gaussian jitter. */
export function normWeight(s: Sampler, n: number, jitter = 0.05): Float32Array {
  return Float32Array.from({length: n}, () => 1 + jitter * s.normal.next())
}
