/**
 * Truncated power-law fit (--fit TPL) against test/fixtures/spectral/reference.py, whose TPL is a written-out
 * powerlaw 1.5 `Fit(distribution=xmin_distribution='truncated_power_law')` (mpmath gammainc + scipy fmin;
 * checked identical to powerlaw 1.5 itself on all six layers when the reference was generated), and the
 * generalised exponential integral against mpmath.
 */
import {readFileSync} from 'node:fs'
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {expintE} from '../../../../src/families/spectral/kernels/exponential-integral.js'
import {nelderMead} from '../../../../src/families/spectral/kernels/nelder-mead.js'
import {numpySum} from '../../../../src/families/spectral/kernels/pairwise-sum.js'
import {fitTruncatedPowerLaw} from '../../../../src/families/spectral/kernels/truncated-power-law-fit.js'
import {nonEmpty} from '../../../helpers/fixture.js'

const reference = JSON.parse(
  readFileSync(new URL('../../../fixtures/spectral/reference.json', import.meta.url), 'utf8'),
)

test('E_p(x) matches mpmath.expint to 1e-13 relative (p from 1/2 to 9.3, x from 1e-6 to 40)', () => {
  let worst = 0
  for (const [p, x, expected] of nonEmpty(reference.expint as [number, number, number][], 'reference.expint')) {
    const err = Math.abs(expintE(p, x) - expected) / expected
    assert.ok(err < 1e-13, `E_${p}(${x}) = ${expintE(p, x)} vs ${expected}`)
    worst = Math.max(worst, err)
  }
  assert.ok(worst > 0 || reference.expint.length > 0)
})

test('numpySum reproduces numpy pairwise order: differs from a left-to-right sum where numpy does', () => {
  // 2^53 followed by fifteen 1s: left to right every +1 rounds away (ties to even); numpy's 8 partial sums
  // are [2^53, 2, 2, 2, 2, 2, 2, 2], combined as ((r0+r1)+(r2+r3)) + ((r4+r5)+(r6+r7)) = 2^53 + 14
  const a = [2 ** 53, ...new Array(15).fill(1)]
  assert.equal(numpySum(a), 2 ** 53 + 14)
  assert.equal(
    a.reduce((s, v) => s + v, 0),
    2 ** 53,
  )
})

test('Nelder–Mead (scipy fmin defaults) minimises the Rosenbrock function to xatol', () => {
  const r = nelderMead(([x, y]) => 100 * (y - x * x) ** 2 + (1 - x) ** 2, [-1.2, 1])
  assert.ok(Math.abs(r.x[0] - 1) < 1e-3 && Math.abs(r.x[1] - 1) < 2e-3, String(r.x))
  assert.ok(r.evaluations <= 400)
})

test('TPL fit on the reference eigenvalues: alpha, Lambda, D, xmin equal powerlaw 1.5 (1e-9 relative)', () => {
  for (const row of nonEmpty(reference.layers.tpl, 'reference.layers.tpl')) {
    const x = Float64Array.from(reference.tpl_evals[row.name] as number[])
    const fit = fitTruncatedPowerLaw(x)!
    assert.ok(fit.inRange)
    for (const k of ['alpha', 'Lambda', 'D', 'xmin', 'xmax'] as const) {
      const err = Math.abs(fit[k] - row[k]) / Math.abs(row[k])
      assert.ok(err < 1e-9, `${row.name} ${k}: ${fit[k]} vs ${row[k]} (rel ${err})`)
    }
  }
})

test('TPL on an exact Pareto quantile sample: Lambda → 0 side, alpha near the PL value', () => {
  const n = 300
  const x = Float64Array.from({length: n}, (_, k) => (1 - (k + 0.5) / n) ** (-1 / 2))
  const fit = fitTruncatedPowerLaw(x)!
  assert.ok(fit.Lambda >= 0 && fit.Lambda < 0.05, String(fit.Lambda))
  assert.ok(Math.abs(fit.alpha - 3) < 0.2, String(fit.alpha))
})
