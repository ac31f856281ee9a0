/**
 * The minimum-image offset d − L·round_half_even(d/L) for offsets between two points of [0, L]
 * (|d| <= L, so the rounding is −1, 0 or 1), without a division per call.
 *
 * Correctly rounded division is monotone in d, so {d : fl(d/L) > 0.5} is exactly {d > T} where
 * T is the largest double with fl(T/L) <= 0.5 (T = L/2 or a few ulps above it). T is found once
 * per box by stepping ulps up from L/2; fl(−d/L) = −fl(d/L) gives the negative side. A tie
 * (fl(d/L) = ±0.5) rounds to 0 (half to even), as in `np.round`. The result is therefore
 * bit-identical to dividing, for every input.
 */
export class MinimumImage {
  readonly L: number
  /** d > threshold ⇔ fl(d/L) > 0.5 */
  readonly threshold: number

  constructor(L: number) {
    this.L = L
    let t = L / 2
    for (let k = 0; k < 64; k++) {
      const up = nextUp(t)
      if (up / L > 0.5) break
      t = up
    }
    this.threshold = t
  }

  /** d − L·round_half_even(d/L) for |d/L| < 1.5. */
  apply(d: number): number {
    const t = this.threshold
    return d > t ? d - this.L : d < -t ? d + this.L : d
  }
}

const f64 = new Float64Array(1)
const u64 = new BigUint64Array(f64.buffer)

/** The next double above a positive finite x. */
function nextUp(x: number): number {
  f64[0] = x
  u64[0] += 1n
  return f64[0]
}
