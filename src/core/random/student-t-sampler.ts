/**
 * Student-t draws (heavy tails: P(|T| > x) ~ x^(−df)) as T = Z / √(V/df) with
 * Z ~ N(0,1) and V ~ χ²(df) = 2·Gamma(df/2). Gamma variates use Marsaglia & Tsang,
 * "A simple method for generating gamma variables", ACM TOMS 26(3), 2000, with the
 * shape < 1 boost Gamma(a) = Gamma(a+1)·U^(1/a).
 */
import type {GaussianSampler} from './gaussian-sampler.js'
import type {Rng32} from './xoshiro128.js'

/** One Gamma(shape, 1) draw (shape > 0). */
export function sampleGamma(shape: number, rng: Rng32, normal: GaussianSampler): number {
  if (shape < 1) return sampleGamma(shape + 1, rng, normal) * (1 - rng.nextFloat()) ** (1 / shape)
  const d = shape - 1 / 3
  const c = 1 / Math.sqrt(9 * d)
  for (;;) {
    const x = normal.next()
    const v0 = 1 + c * x
    if (v0 <= 0) continue
    const v = v0 * v0 * v0
    const u = 1 - rng.nextFloat()
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v
  }
}

/** One Student-t draw with `df` > 0 degrees of freedom. */
export function sampleStudentT(df: number, rng: Rng32, normal: GaussianSampler): number {
  const z = normal.next()
  const chi2 = 2 * sampleGamma(df / 2, rng, normal)
  return z / Math.sqrt(chi2 / df)
}
