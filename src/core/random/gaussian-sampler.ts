/**
 * Standard normal draws from a uniform 32-bit generator by the Box–Muller transform
 * (Box & Muller, "A note on the generation of random normal deviates", Ann. Math.
 * Statist. 29(2), 1958): two uniforms u1 ∈ (0,1], u2 ∈ [0,1) give the independent
 * normals √(−2 ln u1)·cos(2πu2) and √(−2 ln u1)·sin(2πu2); the second is cached.
 * Deterministic for a given generator state (Math.log/cos/sin are the only
 * platform-dependent parts, accurate to an ulp on V8).
 */
import type {Rng32} from './xoshiro128.js'

export interface GaussianSampler {
  /** One N(0, 1) draw. */
  next(): number
  /** `n` N(0, 1) draws into a new array. */
  fill(n: number): Float64Array
}

export function createGaussianSampler(rng: Rng32): GaussianSampler {
  let spare: number | undefined
  const next = (): number => {
    if (spare !== undefined) {
      const s = spare
      spare = undefined
      return s
    }
    const u1 = 1 - rng.nextFloat() // (0, 1]: keeps log finite
    const u2 = rng.nextFloat()
    const r = Math.sqrt(-2 * Math.log(u1))
    spare = r * Math.sin(2 * Math.PI * u2)
    return r * Math.cos(2 * Math.PI * u2)
  }
  return {
    next,
    fill(n: number): Float64Array {
      const out = new Float64Array(n)
      for (let i = 0; i < n; i++) out[i] = next()
      return out
    },
  }
}
