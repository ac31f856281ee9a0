/**
 * Generalised exponential integral E_p(x) = ∫_1^∞ e^(−xt) t^(−p) dt for real p ≥ ½, x > 0 (DLMF 8.19.1),
 * the special function behind the truncated power law's normaliser: the upper incomplete gamma function of
 * negative order that powerlaw 1.5 evaluates with mpmath is Γ(1−α, z) = z^(1−α)·E_α(z) (DLMF 8.19.1).
 *
 * Evaluation (double precision, ~1e-14 relative):
 * - x > 1: the continued fraction of DLMF 8.19.17 by the modified Lentz method (Press et al., Numerical
 *   Recipes §6.3, valid for real p);
 * - x ≤ 1: E_p0 for p0 = p − k ∈ [½, 3⁄2) from the power series of Γ(a, x), a = 1 − p0 ∈ (−½, ½]
 *   (DLMF 8.7.3, with Γ(a) − x^a/a rewritten as (Γ(1+a) − 1)/a − expm1(a ln x)/a so that nothing cancels
 *   as a → 0), then k steps of the upward recurrence E_(q+1) = (e^(−x) − x·E_q)/q (DLMF 8.19.12), which
 *   is stable for x ≤ 1 < q + 1.
 */

const EULER_GAMMA = 0.5772156649015329
/** ζ(k) for k = 2..9 (DLMF 25.6); higher k are summed directly at load time. */
// The true digits of ζ(k), 17 significant; each rounds to the nearest double, which is the point.
/* eslint-disable no-loss-of-precision */
const ZETA_LOW = [
  1.6449340668482264, 1.2020569031595942, 1.0823232337111381, 1.0369277551433699, 1.0173430619844491,
  1.0083492773819228, 1.0040773561979443, 1.0020083928260822,
]
/* eslint-enable no-loss-of-precision */
const ZETA = (() => {
  const z = [Number.NaN, Number.NaN, ...ZETA_LOW]
  for (let k = 10; k <= 40; k++) {
    let s = 0
    for (let n = 60; n >= 1; n--) s += n ** -k
    z.push(s)
  }
  return z
})()

/** Lanczos approximation of Γ(z), z > 0 (g = 7, n = 9; ~1e-15 relative). */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
]
function gammaFn(z: number): number {
  const x = z - 1
  let s = LANCZOS[0]
  for (let i = 1; i < 9; i++) s += LANCZOS[i] / (x + i)
  const t = x + 7.5
  return Math.sqrt(2 * Math.PI) * t ** (x + 0.5) * Math.exp(-t) * s
}

/** (Γ(1+a) − 1)/a for |a| ≤ ½, accurate in absolute terms (ln Γ(1+a) series, DLMF 5.7.3, for small a). */
export function gammaOnePlusMinusOneOverA(a: number): number {
  if (a === 0) return -EULER_GAMMA
  if (Math.abs(a) >= 0.2) return (gammaFn(1 + a) - 1) / a
  let lg = -EULER_GAMMA * a
  let p = -a
  for (let k = 2; k < ZETA.length; k++) {
    p *= -a
    const term = (ZETA[k] * p) / k
    lg += term
    if (Math.abs(term) < 1e-18 * Math.abs(lg)) break
  }
  return Math.expm1(lg) / a
}

/** Γ(a, x) for a ∈ (−½, ½], 0 < x ≤ 1 (DLMF 8.7.3 rearranged). */
function upperGammaSmallX(a: number, x: number): number {
  const lx = Math.log(x)
  const head = gammaOnePlusMinusOneOverA(a) - (a === 0 ? lx : Math.expm1(a * lx) / a)
  let sum = 0
  let term = 1
  for (let k = 1; k < 60; k++) {
    term *= -x / k
    const t = term / (a + k)
    sum += t
    if (Math.abs(t) < 1e-17 * Math.abs(sum)) break
  }
  return head - Math.exp(a * lx) * sum
}

/** E_p(x) by the continued fraction (x > 1). */
function expintContinuedFraction(p: number, x: number): number {
  const tiny = 1e-300
  let b = x + p
  let c = 1 / tiny
  let d = 1 / b
  let h = d
  for (let i = 1; i < 10000; i++) {
    const an = -i * (p - 1 + i)
    b += 2
    d = an * d + b
    if (Math.abs(d) < tiny) d = tiny
    c = b + an / c
    if (Math.abs(c) < tiny) c = tiny
    d = 1 / d
    const del = c * d
    h *= del
    if (Math.abs(del - 1) < 1e-16) break
  }
  return h * Math.exp(-x)
}

/** E_p(x), p ≥ ½, x > 0. */
export function expintE(p: number, x: number): number {
  if (!(x > 0) || !(p >= 0.5)) return Number.NaN
  if (x > 1) return expintContinuedFraction(p, x)
  const k = Math.floor(p - 0.5)
  const p0 = p - k
  const a = 1 - p0
  let e = Math.exp(-a * Math.log(x)) * upperGammaSmallX(a, x)
  const ex = Math.exp(-x)
  for (let q = p0; q < p - 0.5; q += 1) e = (ex - x * e) / q
  return e
}

/**
 * Γ(1−α, λx)/λ^(1−α) = x^(1−α)·E_α(λx): the truncated power law's survival integral
 * ∫_x^∞ t^(−α) e^(−λt) dt, α > 1, λ > 0, x > 0 (powerlaw 1.5 `Truncated_Power_Law._cdf_base_function` is 1 minus it).
 */
export function truncatedPowerLawTail(x: number, alpha: number, lambda: number): number {
  return Math.exp((1 - alpha) * Math.log(x)) * expintE(alpha, lambda * x)
}
