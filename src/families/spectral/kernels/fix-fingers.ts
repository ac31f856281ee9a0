/**
 * "Finger" fixes for the power-law fit (WeightWatcher 0.7.5.5 `fit_powerlaw(fix_fingers=…)`).
 *
 * clip_xmax (`RMT_Util.fit_clipped_powerlaw`): fit once; then for idx = 2..maxFingers−1 refit without the
 * top idx values and accept the first fit whose α + 1 < the first α (num_fingers = idx − 1); stop when
 * α ≤ 2. With WW's default `pl_package='ww'` each refit is the WWFit scan.
 *
 * xmin_peak: xmin restricted to [0.95·peak, 1.5·peak], peak = 10^(left edge of the fullest of 100 bins of
 * log10 λ). WeightWatcher passes the lower bound as log10(0.95·peak) (a log/linear mix-up, spec §4.9) and
 * needs the powerlaw package; here the bound is 0.95·peak and the scan is WWFit's over that window.
 */
import {candidateAlphas, candidateDistance, fitPowerLawSorted, type PowerLawFit} from './power-law-fit.js'

export const DEFAULT_MAX_FINGERS = 10
export const DEFAULT_FINGER_THRESHOLD = 1

export interface ClippedFit {
  readonly fit: PowerLawFit
  readonly num_fingers: number
  readonly raw_alpha: number
}

/** clip_xmax on sorted thresholded data; undefined when the first fit fails. */
export function fitClippedPowerLaw(
  x: Float64Array,
  maxFingers = DEFAULT_MAX_FINGERS,
  threshold = DEFAULT_FINGER_THRESHOLD,
): ClippedFit | undefined {
  const first = fitPowerLawSorted(x)
  if (first === undefined) return undefined
  for (let idx = 2; idx < maxFingers; idx++) {
    const fit = fitPowerLawSorted(x.subarray(0, x.length - idx))
    if (fit === undefined) break
    if (fit.alpha + threshold < first.alpha) return {fit, num_fingers: idx - 1, raw_alpha: first.alpha}
    if (fit.alpha <= 2) break
  }
  return {fit: first, num_fingers: 0, raw_alpha: first.alpha}
}

/** Left edge of the fullest of `bins` equal bins of log10 x (numpy.histogram rules), as 10^edge. */
export function logHistogramPeak(x: Float64Array, bins = 100): number {
  let lo = Infinity
  let hi = -Infinity
  const lx = Array.from(x, (v) => Math.log10(v))
  for (const v of lx) {
    lo = Math.min(lo, v)
    hi = Math.max(hi, v)
  }
  if (lo === hi) {
    lo -= 0.5
    hi += 0.5
  }
  const counts = new Array<number>(bins).fill(0)
  const width = (hi - lo) / bins
  for (const v of lx) counts[Math.min(bins - 1, Math.floor((v - lo) / width))]++
  let best = 0
  for (let b = 1; b < bins; b++) if (counts[b] > counts[best]) best = b
  return 10 ** (lo + best * width)
}

/** The xmin_peak window [0.95·peak, xminMax ?? 1.5·peak] of sorted data. */
export function peakWindow(x: Float64Array, xminMax?: number): {lo: number; hi: number} {
  const peak = logHistogramPeak(x)
  return {lo: 0.95 * peak, hi: xminMax ?? 1.5 * peak}
}

/** xmin_peak fit: WWFit's scan restricted to candidates in [0.95·peak, xminMax ?? 1.5·peak]. */
export function fitPowerLawNearPeak(x: Float64Array, xminMax?: number): PowerLawFit | undefined {
  if (x.length < 2) return undefined
  const {lo, hi} = peakWindow(x, xminMax)
  const alphas = candidateAlphas(x)
  let best = -1
  let bestD = Infinity
  for (let i = 0; i < alphas.length; i++) {
    if (x[i] < lo || x[i] > hi) continue
    const d = candidateDistance(x, i, alphas[i], bestD, false)
    if (d < bestD) {
      bestD = d
      best = i
    }
  }
  if (best < 0 || !Number.isFinite(alphas[best])) return undefined
  const alpha = alphas[best]
  const n = x.length - best
  return {
    alpha,
    D: bestD,
    sigma: (alpha - 1) / Math.sqrt(n),
    xmin: x[best],
    xmax: x[x.length - 1],
    xminIndex: best,
    n: x.length,
  }
}
