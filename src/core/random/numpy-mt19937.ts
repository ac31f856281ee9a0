/**
 * A port of NumPy's legacy global generator (`np.random.seed(s)`, `rand()`, `randn()`):
 * MT19937 seeded with `init_genrand` (Matsumoto & Nishimura 1998), 53-bit doubles from two
 * 32-bit words, and the polar Box–Muller normal with its one-value cache (`legacy_gauss`).
 * dewi-kadita's NumPy path draws every random number from this stream, so with the same seed
 * infolens reproduces its initial conditions and noise bit for bit (spec school.md §2.5).
 */
import {correctlyRoundedLog} from '../special/correctly-rounded-log.js'

const N = 624
const M = 397
const MATRIX_A = 0x9908b0df
const UPPER = 0x80000000
const LOWER = 0x7fffffff

/** One MT19937 state word from the current word, its successor and the word M ahead. */
function twistWord(current: number, next: number, ahead: number): number {
  const y = (current & UPPER) | (next & LOWER)
  let v = ahead ^ (y >>> 1)
  if ((y & 1) !== 0) v ^= MATRIX_A
  return v >>> 0
}

export class NumpyRandomState {
  private readonly mt = new Uint32Array(N)
  private index = N
  private hasGauss = false
  private gauss = 0

  constructor(seed: number) {
    this.seed(seed)
  }

  /** `np.random.seed(seed)` for an integer 0 <= seed < 2^32 (`init_genrand`); clears the normal cache. */
  seed(seed: number): void {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
      throw new RangeError(`seed must be an integer in [0, 2^32), got ${seed}`)
    const mt = this.mt
    mt[0] = seed >>> 0
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1]
      mt[i] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + i) >>> 0
    }
    this.index = N
    this.hasGauss = false
    this.gauss = 0
  }

  /** Regenerates the 624-word state block. */
  private twist(): void {
    const mt = this.mt
    // Same recurrence as the reference's single loop with (i + 1) % N and (i + M) % N, split
    // at the two wrap points so that no index needs a remainder.
    for (let i = 0; i < N - M; i++) mt[i] = twistWord(mt[i], mt[i + 1], mt[i + M])
    for (let i = N - M; i < N - 1; i++) mt[i] = twistWord(mt[i], mt[i + 1], mt[i + M - N])
    mt[N - 1] = twistWord(mt[N - 1], mt[0], mt[M - 1])
    this.index = 0
  }

  /** The next tempered 32-bit word. */
  nextUint32(): number {
    if (this.index >= N) this.twist()
    let y = this.mt[this.index++]
    y ^= y >>> 11
    y ^= (y << 7) & 0x9d2c5680
    y ^= (y << 15) & 0xefc60000
    y ^= y >>> 18
    return y >>> 0
  }

  /** `np.random.rand()`: a double in [0, 1) with 53 random bits. */
  rand(): number {
    const a = this.nextUint32() >>> 5
    const b = this.nextUint32() >>> 6
    return (a * 67108864 + b) / 9007199254740992
  }

  /** `np.random.randn()`: standard normal by the polar method, caching the second value. */
  randn(): number {
    if (this.hasGauss) {
      this.hasGauss = false
      const cached = this.gauss
      this.gauss = 0
      return cached
    }
    let x1: number
    let x2: number
    let r2: number
    do {
      x1 = 2 * this.rand() - 1
      x2 = 2 * this.rand() - 1
      r2 = x1 * x1 + x2 * x2
    } while (r2 >= 1 || r2 === 0)
    const f = Math.sqrt((-2 * correctlyRoundedLog(r2)) / r2)
    this.gauss = f * x1
    this.hasGauss = true
    return f * x2
  }

  /** Fills `out` in order with `randn()` draws (`np.random.randn(*shape)` in C order). */
  fillRandn(out: Float64Array, count = out.length): void {
    for (let i = 0; i < count; i++) out[i] = this.randn()
  }

  /** Fills `out` in order with `rand()` draws (`np.random.rand(*shape)` in C order). */
  fillRand(out: Float64Array, count = out.length): void {
    for (let i = 0; i < count; i++) out[i] = this.rand()
  }
}
