import {test} from 'node:test'
import assert from 'node:assert/strict'
import {
  conditionNumber,
  logVolumeGapBound,
  spectrumMetrics,
} from '../../../../src/families/kappa/kernels/spectrum-metrics.js'
import {kappaMp} from '../../../../src/families/kappa/kernels/shape-baseline.js'
import {svdvals} from '../../../../src/core/linalg/index.js'

/** |actual − expected| ≤ tol·max(1, |expected|). */
function close(actual: number, expected: number, tol: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`)
}

test('diag(4,2,1) reproduces the spec golden values to 1e-6 (spec kappa.md §6)', () => {
  const m = spectrumMetrics([4, 2, 1], 3, 3)
  close(m.kappa, 4, 1e-12, 'kappa')
  close(m.log10_kappa, 0.60206, 1e-6, 'log10 kappa')
  close(m.log_volume, 2.079442, 1e-6, 'L')
  close(m.log_volume_gap, -0.839424, 1e-6, 'gap')
  close(m.log_volume_gap_per_dim, -0.279808, 1e-6, 'gap per dim')
  close(m.spectral_entropy, 0.9557, 1e-6, 'H')
  close(m.effective_rank, 2.60049, 1e-6, 'erank')
  close(m.stable_rank, 1.3125, 1e-12, 'stable rank')
  close(m.participation_ratio, 1.615385, 1e-6, 'PR')
  close(m.kappa_peft, 4 / (1 + 1e-8), 1e-15, 'kappa_peft')
  assert.equal(m.sigma_max, 4)
  assert.equal(m.sigma_min, 1)
  close(m.fro_norm, Math.sqrt(21), 1e-15, 'F')
  assert.equal(m.kappa_mp, Number.POSITIVE_INFINITY)
})

/** Householder reflector I − 2vvᵀ/vᵀv: an orthonormal n×n matrix (row-major). */
function reflector(v: readonly number[]): Float64Array {
  const n = v.length
  const vv = v.reduce((s, x) => s + x * x, 0)
  const q = new Float64Array(n * n)
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) q[i * n + j] = (i === j ? 1 : 0) - (2 * v[i] * v[j]) / vv
  return q
}

/** U·diag(σ)·Vᵀ for U = reflector (m×m), V = first k columns of an n×n reflector. */
function planted(sigma: readonly number[], m: number, n: number, scale = 1): Float64Array {
  const u = reflector(Array.from({length: m}, (_, i) => Math.sin(i + 1) + 0.3))
  const v = reflector(Array.from({length: n}, (_, i) => Math.cos(2 * i + 1) - 0.2))
  const w = new Float64Array(m * n)
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0
      for (let r = 0; r < sigma.length; r++) s += u[i * m + r] * sigma[r] * v[j * n + r]
      w[i * n + j] = scale * s
    }
  return w
}

test('5x8 matrix with sigma = [10,3,2,1,0.5] built as U diag(sigma) V^T matches the spec values; x7 leaves the SI fields unchanged', () => {
  for (const scale of [1, 7]) {
    const m = spectrumMetrics(svdvals(planted([10, 3, 2, 1, 0.5], 5, 8, scale), 5, 8), 5, 8)
    close(m.kappa, 20, 1e-9, `kappa x${scale}`)
    close(m.log10_kappa, 1.30103, 1e-6, 'log10 kappa')
    close(m.log_volume_gap, -4.42118, 1e-6, 'gap')
    close(m.effective_rank, 3.142734, 1e-6, 'erank')
    close(m.stable_rank, 1.1425, 1e-9, 'stable rank')
    close(m.participation_ratio, 1.29263, 1e-6, 'PR')
    if (scale === 1) close(m.log_volume, 3.401197, 1e-6, 'L')
    else close(m.log_volume, 3.401197 + 5 * Math.log(7), 1e-6, 'L scales by k ln 7')
    close(m.kappa_mp, (1 + Math.sqrt(5 / 8)) / (1 - Math.sqrt(5 / 8)), 1e-12, 'kappa_mp')
  }
})

test('the log-volume gap never exceeds ln(2k/(1+k^2)) and the spec tight case attains it', () => {
  let seed = 12345
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  let worst = Number.NEGATIVE_INFINITY
  for (let trial = 0; trial < 2000; trial++) {
    const k = 2 + Math.floor(rand() * 30)
    const sigma = Array.from({length: k}, () => Math.exp(8 * rand() - 4)).sort((a, b) => b - a)
    const m = spectrumMetrics(sigma, k, k + 3)
    worst = Math.max(worst, m.log_volume_gap - logVolumeGapBound(m.kappa))
  }
  assert.ok(worst <= 1e-12, `largest gap - bound = ${worst}`)
  // tight case: s1 = kappa a, sk = a, the others F/sqrt(k), a^2 = 2F^2/(k(1+kappa^2))
  const k = 6
  const kappa = 9
  const f2 = 1
  const a = Math.sqrt((2 * f2) / (k * (1 + kappa * kappa)))
  const tight = [kappa * a, ...Array(k - 2).fill(Math.sqrt(f2 / k)), a]
  const m = spectrumMetrics(tight, k, k)
  close(m.fro_norm ** 2, f2, 1e-12, 'F^2 of the tight case')
  close(m.log_volume_gap, logVolumeGapBound(kappa), 1e-12, 'tight case equals the bound')
  close(logVolumeGapBound(1e12), Math.log(2) - Math.log(1e12), 1e-12, 'bound for huge kappa')
})

test('kappa_mp reproduces the Marchenko-Pastur shape baselines of spec §2.7', () => {
  close(kappaMp(1024, 4096), 3, 1e-12, '1024x4096')
  close(kappaMp(11008, 4096), 4.13, 2e-3, '11008x4096')
  close(kappaMp(14336, 4096), 3.3, 2e-3, '14336x4096')
  assert.equal(kappaMp(4096, 4096), Number.POSITIVE_INFINITY)
})

test('a zero singular value gives kappa = inf, a finite PEFT kappa and L = -inf; the zero matrix gives NaN', () => {
  const m = spectrumMetrics([2, 1, 0], 3, 4)
  assert.equal(m.kappa, Number.POSITIVE_INFINITY)
  close(m.kappa_peft, 2e8, 1e-12, 'PEFT adds 1e-8 to sigma_min')
  assert.equal(m.log_volume, Number.NEGATIVE_INFINITY)
  assert.equal(m.log10_kappa, Number.POSITIVE_INFINITY)
  assert.ok(Number.isFinite(m.spectral_entropy))
  assert.ok(Number.isNaN(conditionNumber(0, 0)))
})
