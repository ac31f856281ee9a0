/**
 * WeightWatcher's truncated power-law fit (`analyze(fit='TPL', pl_package='powerlaw')`, WeightWatcher 0.7.5.5
 * `fit_powerlaw` → `powerlaw.Fit(nz, xmin=None, xmax=None, distribution='truncated_power_law',
 * xmin_distribution='truncated_power_law')`, powerlaw 1.5 `Fit.find_xmin`, `Distribution.fit`, `KS`,
 * `Truncated_Power_Law`), reproduced step for step:
 *
 *   p(x) = x^(−α) e^(−Λx) · Λ^(1−α)/Γ(1−α, Λ·xmin),  x ≥ xmin     (Clauset, Shalizi & Newman 2009, Table 1)
 *
 * For every distinct value but the largest as xmin: start at α0 = 1 + n/Σ ln(x/xmin), Λ0 = 1/mean(tail);
 * minimise the negative log-likelihood with scipy's `fmin` (Nelder–Mead, see nelder-mead.ts), where
 * parameters outside α > 1, Λ > 0 give every point likelihood 1e-307 and a zero likelihood counts as 1e-307;
 * D = max(D+, D−) between the fitted CDF and the tail's empirical CDF taken just before each distinct value,
 * (#{x < b} − #{x < xmin})/(N − #{x < xmin}) (the same one-sided step as the PL fit). The xmin with the
 * smallest D among fits with α > 1, Λ > 0 wins (first minimum; all candidates when none is in range).
 * WeightWatcher then reports α and Λ of that fit, its D and xmin; powerlaw has no σ for it (NaN in WW).
 *
 * At the bound: where the tail decays faster than any power law allows, the likelihood keeps rising as α
 * falls below 1 (the density is proper there for Λ > 0), so Nelder–Mead runs into powerlaw's wall α > 1 and
 * stops within its xatol (1e-4) of α = 1. That α is the edge of the search, not a measurement: the fit says
 * `atAlphaBound` (15 of the 19 demo layers; an independent scipy fit with α free finds α < 1 on them,
 * test/fixtures/spectral/tpl-bound/make-tpl-bound.py).
 *
 * Cost: one Nelder–Mead run (≤ 400 evaluations of an O(n) likelihood) per candidate, so O(N²) per layer like
 * powerlaw itself (but without mpmath); the D scan stops a candidate once its running maximum reaches the best D
 * so far (later candidates must be strictly smaller), so the chosen fit is the full scan's.
 */
import {nelderMead} from './nelder-mead.js'
import {truncatedPowerLawTail} from './exponential-integral.js'
import {numpySum} from './pairwise-sum.js'

export interface TruncatedPowerLawFit {
  readonly alpha: number
  readonly Lambda: number
  readonly D: number
  readonly xmin: number
  readonly xmax: number
  readonly xminIndex: number
  readonly n: number
  /** α > 1 and Λ > 0 (powerlaw `in_range`). */
  readonly inRange: boolean
  /** α ended on powerlaw's bound α = 1 (isAlphaAtTplBound). */
  readonly atAlphaBound: boolean
}

/** powerlaw's lower bound on the TPL exponent (`in_range`: α > 1). */
export const TPL_ALPHA_BOUND = 1
/** A fit within this of the bound ran into it: 10 × scipy fmin's xatol, far below any α read as a measurement. */
export const TPL_BOUND_TOLERANCE = 1e-3

/** Whether a TPL α is the bound rather than a measurement. */
export function isAlphaAtTplBound(alpha: number | null): boolean {
  return alpha !== null && alpha - TPL_ALPHA_BOUND < TPL_BOUND_TOLERANCE
}

/** powerlaw's stand-in for a zero likelihood, 10**sys.float_info.min_10_exp. */
const TINY_LIKELIHOOD = 1e-307
const LOG_TINY = Math.log(TINY_LIKELIHOOD)

/**
 * Negative log-likelihood of the tail x[i..] under TPL(α, Λ) with powerlaw's conventions, evaluated as powerlaw
 * does (per-point likelihood x^-α·e^(-Λx)·C, zeros → 1e-307, logs summed left to right like Python's `sum`):
 * the likelihood is flat near Λ → 0, so Nelder–Mead's path, and its answer within xatol, depends on rounding,
 * and a closed form from suffix sums lands on a different point of the flat valley.
 */
export function tplNegativeLogLikelihood(x: Float64Array, i: number, alpha: number, lambda: number): number {
  const N = x.length
  const n = N - i
  if (!(lambda > 0 && alpha > 1)) {
    let penalty = 0
    for (let k = 0; k < n; k++) penalty += LOG_TINY
    return -penalty
  }
  const C = 1 / truncatedPowerLawTail(x[i], alpha, lambda)
  let s = 0
  for (let k = i; k < N; k++) {
    let l = x[k] ** -alpha * Math.exp(-lambda * x[k]) * C
    if (l === 0) l = TINY_LIKELIHOOD
    s += Math.log(l)
  }
  return -s
}

/** Maximum-likelihood TPL on the tail x[i..] (scipy fmin from powerlaw's initial guess). */
export function fitTplAt(x: Float64Array, i: number): {alpha: number; Lambda: number} {
  const N = x.length
  const n = N - i
  const xmin = x[i]
  // powerlaw's start, summed in numpy's order (the optimiser's path depends on its last bits)
  const logs = numpySum(Float64Array.from(x.subarray(i), (v) => Math.log(v / xmin)))
  const mean = numpySum(x, i, n) / n
  const {x: best} = nelderMead((p) => tplNegativeLogLikelihood(x, i, p[0], p[1]), [1 + n / logs, 1 / mean])
  return {alpha: best[0], Lambda: best[1]}
}

/**
 * KS distance of a TPL fit at candidate i (first index of its value): bins are the distinct values ≥ xmin,
 * `firsts` their first indices. Returns +∞ as soon as the running max reaches `bound` (when `strict`) or
 * exceeds it.
 */
export function tplDistance(
  x: Float64Array,
  i: number,
  firsts: Int32Array,
  from: number,
  alpha: number,
  lambda: number,
  bound = Infinity,
  strict = false,
): number {
  const N = x.length
  const dropped = i / N
  const inRange = lambda > 0 && alpha > 1
  const gmin = inRange ? truncatedPowerLawTail(x[i], alpha, lambda) : 0
  const cdfMin = 1 - gmin
  let dPlus = -Infinity
  let dMinus = -Infinity
  for (let b = from; b < firsts.length; b++) {
    const j = firsts[b]
    const actual = (j / N - dropped) / (1 - dropped)
    let theoretical: number
    if (!inRange) theoretical = TINY_LIKELIHOOD
    else if (cdfMin === 1) theoretical = 1
    else theoretical = (1 - truncatedPowerLawTail(x[j], alpha, lambda) - cdfMin) / (1 - cdfMin)
    const diff = theoretical - actual
    if (diff > dPlus) dPlus = diff
    if (-diff > dMinus) dMinus = -diff
    const d = Math.max(dPlus, dMinus)
    if (strict ? d >= bound : d > bound) return Infinity
  }
  return Math.max(dPlus, dMinus)
}

/**
 * The TPL fit of sorted ascending data (already thresholded at 1e-5). `range` restricts the xmin candidates
 * (inclusive), as powerlaw's `xmin=(lo, hi)`. Undefined when fewer than two distinct values (or candidates).
 */
export function fitTruncatedPowerLaw(
  x: Float64Array,
  range?: {lo: number; hi: number},
): TruncatedPowerLawFit | undefined {
  const N = x.length
  const firstList: number[] = []
  for (let k = 0; k < N; k++) if (k === 0 || x[k] !== x[k - 1]) firstList.push(k)
  const firsts = Int32Array.from(firstList)
  // candidate bins: distinct values (within the range), all but the largest of them
  const candidates: number[] = []
  for (let b = 0; b < firsts.length; b++) {
    const v = x[firsts[b]]
    if (!range || (v >= range.lo && v <= range.hi)) candidates.push(b)
  }
  candidates.pop()
  if (candidates.length === 0) return undefined
  const fits = candidates.map((b) => fitTplAt(x, firsts[b]))
  const inRange = fits.map((f) => f.Lambda > 0 && f.alpha > 1)
  const anyInRange = inRange.some(Boolean)
  let best = -1
  let bestD = Infinity
  for (let c = 0; c < candidates.length; c++) {
    if (anyInRange && !inRange[c]) continue
    const b = candidates[c]
    const d = tplDistance(x, firsts[b], firsts, b, fits[c].alpha, fits[c].Lambda, bestD, best >= 0)
    if (best < 0 || d < bestD) {
      best = c
      bestD = d
    }
  }
  const i = firsts[candidates[best]]
  return {
    alpha: fits[best].alpha,
    Lambda: fits[best].Lambda,
    D: bestD,
    xmin: x[i],
    xmax: x[N - 1],
    xminIndex: i,
    n: N,
    inRange: inRange[best],
    atAlphaBound: inRange[best] && isAlphaAtTplBound(fits[best].alpha),
  }
}
