import {test} from 'node:test'
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {chiSquareCdf, chiSquareQuantile, chiSquareSf} from '../../../src/core/special/chi-square.js'
import {logGamma} from '../../../src/core/special/log-gamma.js'
import {normalCdf, normalQuantile, normalSf} from '../../../src/core/special/normal.js'
import {nonEmpty} from '../../helpers/fixture.js'

// Values written by test/fixtures/credit/special-reference.py (scipy).
const ref = JSON.parse(readFileSync(new URL('../../fixtures/credit/special-reference.json', import.meta.url), 'utf8'))

/** |actual − expected| ≤ tol·max(|expected|, floor): relative, with an absolute floor for values near 0. */
function close(actual: number, expected: number, tol: number, what: string, floor = 1e-300): void {
  const err = Math.abs(actual - expected)
  assert.ok(err <= tol * Math.max(Math.abs(expected), floor), `${what}: ${actual} vs ${expected} (err ${err})`)
}

test('edge cases: NaN, zero and infinity', () => {
  assert.ok(Number.isNaN(chiSquareSf(3, 0)))
  assert.ok(Number.isNaN(chiSquareSf(Number.NaN, 3)))
  assert.equal(chiSquareSf(0, 4), 1)
  assert.equal(chiSquareSf(-2, 4), 1)
  assert.equal(chiSquareCdf(Number.POSITIVE_INFINITY, 4), 1)
  assert.equal(logGamma(0), Number.POSITIVE_INFINITY)
  assert.equal(normalQuantile(0), Number.NEGATIVE_INFINITY)
})

test('logGamma matches scipy.special.gammaln to 1e-13 relative', () => {
  for (const [x, v] of nonEmpty(ref.logGamma, 'special-reference logGamma'))
    close(logGamma(x), v, 1e-13, `lgamma(${x})`, 1e-2)
})

test('chi-square cdf and sf match scipy to 1e-12 relative (sf tails included)', () => {
  for (const r of nonEmpty(ref.chiSquare, 'special-reference chiSquare')) {
    close(chiSquareCdf(r.x, r.k), r.cdf, 1e-12, `cdf(${r.x};${r.k})`, 1e-16)
    close(chiSquareSf(r.x, r.k), r.sf, 1e-12, `sf(${r.x};${r.k})`, 1e-300)
  }
})

test('chi-square quantile matches scipy to 1e-10 relative', () => {
  for (const r of nonEmpty(ref.chiSquareQuantile, 'special-reference chiSquareQuantile'))
    close(chiSquareQuantile(r.p, r.k), r.q, 1e-10, `ppf(${r.p};${r.k})`)
})

test('normal cdf, sf and quantile match scipy', () => {
  for (const r of nonEmpty(ref.normal, 'special-reference normal')) {
    close(normalCdf(r.z), r.cdf, 1e-13, `cdf(${r.z})`, 1e-300)
    close(normalSf(r.z), r.sf, 1e-13, `sf(${r.z})`, 1e-300)
  }
  for (const r of nonEmpty(ref.normalQuantile, 'special-reference normalQuantile'))
    close(normalQuantile(r.p), r.q, 1e-12, `ppf(${r.p})`, 1e-12)
})
