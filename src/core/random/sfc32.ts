/**
 * Seeded pseudo-random numbers for reproducible randomisation (WeightWatcher shuffles unseeded, spec
 * §4.11). Generator: SFC32 (Chris Doty-Humphrey's Small Fast Chaotic PRNG, PractRand-tested) seeded through
 * SplitMix32; doubles use 53 random bits. The Python reference re-implements the same generator.
 */

export type Random = () => number

function splitmix32(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
}

/** Uniform doubles in [0, 1) from SFC32 seeded by SplitMix32(seed). */
export function seededRandom(seed: number): Random {
  const init = splitmix32(seed)
  let a = init()
  let b = init()
  let c = init()
  let d = 1
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = (b ^ (b >>> 9)) >>> 0
    b = (c + (c << 3)) >>> 0
    c = ((c << 21) | (c >>> 11)) >>> 0
    c = (c + t) >>> 0
    return t
  }
  for (let i = 0; i < 12; i++) next()
  return () => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992
}

/** Fisher–Yates shuffle of a copy (i from the end, j uniform in [0, i]). */
export function shuffled<T extends Float32Array | Float64Array>(data: T, random: Random): T {
  const out = data.slice() as T
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const t = out[i]
    out[i] = out[j]
    out[j] = t
  }
  return out
}
