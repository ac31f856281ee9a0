/**
 * Regularised incomplete gamma functions P(s, x) and Q(s, x) = 1 − P(s, x) in float64.
 * Method: the power series of γ(s, x) for x < s + 1 and the modified Lentz continued
 * fraction of Γ(s, x) otherwise, each computed directly (never as 1 − the other) so that
 * tails keep full relative precision. Ref: Press et al., Numerical Recipes (3rd ed.) §6.2;
 * W. J. Lentz, Appl. Opt. 15 (1976) 668, doi:10.1364/AO.15.000668.
 * NaN for s ≤ 0 or NaN arguments; P(s, x ≤ 0) = 0.
 */
import {logGamma} from './log-gamma.js'

const EPSILON = 1e-15
const TINY = 1e-300
const MAX_ITERATIONS = 10_000

/** exp(−x + s·ln x − lnΓ(s)), the prefactor shared by the series and the fraction. */
function prefactor(s: number, x: number): number {
  return Math.exp(-x + s * Math.log(x) - logGamma(s))
}

/** Σ xⁿ/(s(s+1)…(s+n)), so that γ(s,x)/Γ(s) = prefactor · series. */
function lowerSeries(s: number, x: number): number {
  let term = 1 / s
  let total = term
  for (let n = 1; n < MAX_ITERATIONS && Math.abs(term) > EPSILON * Math.abs(total); n++) {
    term *= x / (s + n)
    total += term
  }
  return total
}

/** Continued fraction for Γ(s,x)/(Γ(s)·prefactor), evaluated by modified Lentz. */
function upperFraction(s: number, x: number): number {
  let b = x + 1 - s
  let c = 1 / TINY
  let d = 1 / b
  let h = d
  for (let i = 1; i <= MAX_ITERATIONS; i++) {
    const an = -i * (i - s)
    b += 2
    d = an * d + b
    if (Math.abs(d) < TINY) d = TINY
    c = b + an / c
    if (Math.abs(c) < TINY) c = TINY
    d = 1 / d
    const delta = d * c
    h *= delta
    if (Math.abs(delta - 1) < EPSILON) break
  }
  return h
}

/** Lower regularised gamma P(s, x). */
export function regularizedGammaP(s: number, x: number): number {
  if (Number.isNaN(s) || Number.isNaN(x) || s <= 0) return Number.NaN
  if (x <= 0) return 0
  if (x === Number.POSITIVE_INFINITY) return 1
  if (x < s + 1) return Math.min(1, prefactor(s, x) * lowerSeries(s, x))
  return Math.max(0, 1 - prefactor(s, x) * upperFraction(s, x))
}

/** Upper regularised gamma Q(s, x) = 1 − P(s, x). */
export function regularizedGammaQ(s: number, x: number): number {
  if (Number.isNaN(s) || Number.isNaN(x) || s <= 0) return Number.NaN
  if (x <= 0) return 1
  if (x === Number.POSITIVE_INFINITY) return 0
  if (x < s + 1) return Math.max(0, 1 - prefactor(s, x) * lowerSeries(s, x))
  return prefactor(s, x) * upperFraction(s, x)
}
