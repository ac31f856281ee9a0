/**
 * The χ² distribution with k degrees of freedom: CDF, survival function and quantile.
 * F(x; k) = P(k/2, x/2) with the regularised incomplete gamma of ./incomplete-gamma.ts.
 * The quantile inverts the CDF by bisection on a bracket followed by Newton steps
 * (density from the same log-gamma), accurate to ~1e-12 relative.
 * NaN for k ≤ 0; sf(x ≤ 0) = 1.
 */
import {regularizedGammaP, regularizedGammaQ} from './incomplete-gamma.js'
import {logGamma} from './log-gamma.js'

export function chiSquareCdf(x: number, k: number): number {
  if (!(k > 0)) return Number.NaN
  return regularizedGammaP(k / 2, x / 2)
}

/** Upper tail 1 − F(x; k), the p-value of a χ² statistic x. */
export function chiSquareSf(x: number, k: number): number {
  if (!(k > 0)) return Number.NaN
  return regularizedGammaQ(k / 2, x / 2)
}

function chiSquarePdf(x: number, k: number): number {
  if (x <= 0) return 0
  const s = k / 2
  return Math.exp((s - 1) * Math.log(x) - x / 2 - s * Math.LN2 - logGamma(s))
}

/** The p-quantile of χ²(k), 0 < p < 1. */
export function chiSquareQuantile(p: number, k: number): number {
  if (!(k > 0) || !(p >= 0 && p <= 1)) return Number.NaN
  if (p === 0) return 0
  if (p === 1) return Number.POSITIVE_INFINITY
  let lo = 0
  let hi = Math.max(1, k)
  while (chiSquareCdf(hi, k) < p) hi *= 2
  for (let i = 0; i < 200 && hi - lo > 1e-10 * hi; i++) {
    const mid = (lo + hi) / 2
    if (chiSquareCdf(mid, k) < p) lo = mid
    else hi = mid
  }
  let x = (lo + hi) / 2
  for (let i = 0; i < 5; i++) {
    const density = chiSquarePdf(x, k)
    if (!(density > 0)) break
    const next = x - (chiSquareCdf(x, k) - p) / density
    if (!(next > lo && next < hi)) break
    x = next
  }
  return x
}
