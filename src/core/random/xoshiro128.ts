/**
 * A small, fast, seeded 32-bit PRNG: xoshiro128** (Blackman & Vigna, "Scrambled linear
 * pseudorandom number generators", ACM TOMS 47(4), 2021, doi:10.1145/3460772), with its
 * 128-bit state filled from SplitMix64 (Steele, Lea & Flood 2014, doi:10.1145/2714064.2660195)
 * as the authors recommend. Deterministic across platforms; reproducible from a few lines of
 * any language (test/fixtures/uq/reference.py re-implements it to check every seeded draw).
 *
 * Stream derivation: `createXoshiro128(seed, stream)` starts SplitMix64 at
 * `seed·2³² + stream (mod 2⁶⁴)`, so independent streams (e.g. one per input line) need no shared state.
 */

export interface Rng32 {
  /** The next uniform 32-bit unsigned integer. */
  nextUint32(): number
  /** A uniform integer in [0, n), unbiased (rejection of the top partial block); n in [1, 2³²]. */
  nextInt(n: number): number
  /** A uniform double in [0, 1) with 53 random bits (two outputs). */
  nextFloat(): number
}

const mask64 = (1n << 64n) - 1n

/** SplitMix64 outputs from `state` (BigInt arithmetic: only used while seeding). */
function splitMix64(state: bigint, count: number): bigint[] {
  const out: bigint[] = []
  let s = state & mask64
  for (let i = 0; i < count; i++) {
    s = (s + 0x9e3779b97f4a7c15n) & mask64
    let z = s
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & mask64
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & mask64
    out.push(z ^ (z >> 31n))
  }
  return out
}

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k))

/**
 * The generator as a class, its four state words int32 fields: a scorer makes one per item (thousands
 * per second), and a closure over a state array made afresh each time runs its steps on state read
 * through the closure's context, ≈ 3× slower per output than this (V8 specialises optimised code to
 * one context only). The words hold the same bits as uint32 would; outputs are converted with >>> 0.
 */
class Xoshiro128 implements Rng32 {
  constructor(
    private s0: number,
    private s1: number,
    private s2: number,
    private s3: number,
  ) {}

  nextUint32(): number {
    const s0 = this.s0
    const s1 = this.s1
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0
    const t = s1 << 9
    const s2 = this.s2 ^ s0
    const s3 = this.s3 ^ s1
    this.s1 = s1 ^ s2
    this.s0 = s0 ^ s3
    this.s2 = s2 ^ t
    this.s3 = rotl(s3, 11)
    return result
  }

  nextInt(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 2 ** 32)
      throw new RangeError(`nextInt: n must be an integer in [1, 2^32], got ${n}`)
    const limit = Math.floor(2 ** 32 / n) * n
    for (;;) {
      const u = this.nextUint32()
      if (u < limit) return u % n
    }
  }

  nextFloat(): number {
    const hi = this.nextUint32() >>> 5 // 27 bits
    const lo = this.nextUint32() >>> 6 // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992
  }
}

/**
 * xoshiro128** seeded from SplitMix64(seed·2³² + stream). The state words are the low then
 * high 32-bit halves of the first two SplitMix64 outputs.
 */
export function createXoshiro128(seed: number, stream = 0): Rng32 {
  if (!Number.isSafeInteger(seed) || !Number.isSafeInteger(stream))
    throw new RangeError('seed and stream must be safe integers')
  const [a, b] = splitMix64((BigInt(seed) << 32n) + BigInt(stream), 2)
  const words = [a & 0xffffffffn, a >> 32n, b & 0xffffffffn, b >> 32n].map((w) => Number(BigInt.asIntN(32, w)))
  if ((words[0] | words[1] | words[2] | words[3]) === 0) words[0] = 1 // the all-zero state is a fixed point
  return new Xoshiro128(words[0], words[1], words[2], words[3])
}
