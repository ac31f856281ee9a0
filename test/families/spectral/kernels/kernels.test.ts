/** Spectral kernels against closed forms. */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {
  candidateAlphas,
  candidateDistance,
  fitPowerLawSorted,
} from '../../../../src/families/spectral/kernels/power-law-fit.js'
import {detX} from '../../../../src/families/spectral/kernels/detx.js'
import {normMetrics, logAlphaNorm} from '../../../../src/families/spectral/kernels/norm-metrics.js'
import {combineEsd, matrixGeometry} from '../../../../src/families/spectral/kernels/esd.js'
import {parseGate} from '../../../../src/core/report/gate-expression.js'
import {getCachedSingularValues, putCachedSingularValues} from '../../../../src/core/cache/spectra-cache.js'
import {jensenShannonDistance} from '../../../../src/families/spectral/kernels/randomized-esd.js'

test('alpha MLE: closed form 1 + n/Σ ln(x/xmin) for every candidate; D = 1 when alpha <= 1', () => {
  const x = Float64Array.from([1, 1.5, 2, 3, 5, 8, 13, 40])
  const alphas = candidateAlphas(x)
  for (let i = 0; i < alphas.length; i++) {
    let s = 0
    for (let k = i; k < x.length; k++) s += Math.log(x[k] / x[i])
    const expected = 1 + (x.length - i) / s
    assert.ok(Math.abs(alphas[i] - expected) / expected < 1e-13)
  }
  assert.equal(candidateDistance(x, 0, 0.5), 1)
  // D of candidate 0 by hand: max_k |1 - (x_k/x_0)^(1-α) - k/n|
  let d = 0
  for (let k = 0; k < x.length; k++) d = Math.max(d, Math.abs(1 - (x[k] / x[0]) ** (1 - alphas[0]) - k / x.length))
  assert.equal(candidateDistance(x, 0, alphas[0]), d)
})

test('fit on an exact Pareto quantile sample recovers alpha (xmin at the start)', () => {
  // Quantiles of a Pareto(α = 3, xmin = 1): x_k = (1 − u_k)^(−1/(α−1)), u_k = (k+0.5)/n.
  const n = 4000
  const x = Float64Array.from({length: n}, (_, k) => (1 - (k + 0.5) / n) ** (-1 / 2))
  const fit = fitPowerLawSorted(x)!
  assert.ok(Math.abs(fit.alpha - 3) < 0.02, String(fit.alpha))
  assert.ok(fit.D < 0.01)
  // The pruned scan returns exactly the first argmin of the full scan.
  const alphas = candidateAlphas(x)
  let best = 0
  let bestD = Infinity
  for (let i = 0; i < alphas.length; i++) {
    const di = candidateDistance(x, i, alphas[i])
    if (di < bestD) {
      bestD = di
      best = i
    }
  }
  assert.equal(fit.xminIndex, best)
  assert.equal(fit.D, bestD)
})

test('fit fails (undefined) with fewer than two values', () => {
  assert.equal(fitPowerLawSorted(Float64Array.from([2])), undefined)
})

test('norms of a diagonal matrix: λ = d², Frobenius, spectral, stable rank, Schatten-α', () => {
  const d = [3, 2, 1, 0.5]
  const evals = Float64Array.from(d.map((v) => v * v)).sort()
  const m = normMetrics(evals, 4)
  assert.equal(m.norm, 9 + 4 + 1 + 0.25)
  assert.equal(m.spectral_norm, 9)
  assert.ok(Math.abs(m.stable_rank - 14.25 / 9) < 1e-15)
  assert.equal(m.matrix_rank, 4)
  assert.ok(Math.abs(logAlphaNorm(evals, 2) - Math.log10(81 + 16 + 1 + 0.0625)) < 1e-15)
  // entropy of a flat spectrum is 1 (up to the 1e-10 offsets)
  assert.ok(Math.abs(normMetrics(Float64Array.from([2, 2, 2, 2]), 4).entropy - 1) < 1e-8)
})

test('detX: log-sum form equals the product definition; conv2d pooled eigenvalues are halved', () => {
  const evals = Float64Array.from([0.01, 0.1, 0.5, 1, 2, 4, 8])
  const L = evals.length
  const s = L / evals.reduce((a, b) => a + b, 0)
  let num = L
  let idx = 0
  for (idx = L - 1; idx > 0; idx--) {
    let p = 1
    for (let k = idx; k < L; k++) p *= s * evals[k]
    if (p < 1) {
      num = L - idx
      break
    }
  }
  const dx = detX(evals)
  assert.equal(dx.detX_num, num)
  assert.equal(dx.detX_val, evals[idx])
  const g = matrixGeometry([4, 2, 3, 3])!
  assert.equal(g.rf, 9)
  const esd = combineEsd(
    [
      [4, 2],
      [8, 1],
    ],
    g,
  )
  assert.deepEqual(Array.from(esd.evals), [0.5, 1, 2, 4])
})

test('JS distance: 0 for equal vectors, ln 2 bound for disjoint supports', () => {
  assert.equal(jensenShannonDistance([1, 2, 3], [1, 2, 3]), 0)
  assert.ok(Math.abs(jensenShannonDistance([1, 0], [0, 1]) - Math.sqrt(Math.LN2)) < 1e-15)
})

test('--fail-on parser: precedence, negation, parentheses, null fields, errors', () => {
  const f = ['alpha', 'D', 'N']
  assert.equal(parseGate('alpha>6 || alpha<2', f)({alpha: 7}), true)
  assert.equal(parseGate('alpha>6 || alpha<2', f)({alpha: 4}), false)
  assert.equal(parseGate('alpha>1 || D>1 && N>5', f)({alpha: 2, D: 0, N: 1}), true) // && binds tighter
  assert.equal(parseGate('!(alpha>1) && N>=1e3', f)({alpha: 0.5, N: 1000}), true)
  assert.equal(parseGate('alpha > -1', f)({alpha: null}), false)
  assert.throws(() => parseGate('alpha >> 6', f), /expected a number or a field name/)
  assert.throws(() => parseGate('alpha > 6)', f), /unexpected/)
  assert.throws(() => parseGate('process.exit(1)', f), /unknown field 'process'|unexpected/)
})

test('spectra cache: put then get returns the same values and method; other keys miss', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spectra-'))
  const key = {fileSha256: 'a'.repeat(64), tensor: 'w', shape: [3, 2], dtype: 'F32', view: 'matrix' as const}
  const values = Float64Array.from([3, 2.5, 1e-9])
  await putCachedSingularValues(key, values, 'svd', {dir})
  const got = await getCachedSingularValues(key, {dir})
  assert.deepEqual(Array.from(got!.values), Array.from(values))
  assert.equal(got!.method, 'svd')
  assert.equal(await getCachedSingularValues({...key, dtype: 'BF16'}, {dir}), undefined)
})
