/**
 * numpy's summation order for float64 (`np.sum`, `np.mean`: pairwise summation, numpy
 * `loops_utils.h` `pairwise_sum`: blocks of 8 partial sums up to 128 values, halves above). Reproducing it
 * matters where a result is an optimiser's answer whose path depends on the last bit of its start point
 * (the truncated power-law fit's Nelder–Mead start, powerlaw 1.5 `_initial_parameters`).
 */

const BLOCK = 128

function pairwise(a: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    let res = 0
    for (let i = 0; i < n; i++) res += a[start + i]
    return res
  }
  if (n <= BLOCK) {
    const r = [0, 1, 2, 3, 4, 5, 6, 7].map((j) => a[start + j])
    let i = 8
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] += a[start + i + j]
    let res = r[0] + r[1] + (r[2] + r[3]) + (r[4] + r[5] + (r[6] + r[7]))
    for (; i < n; i++) res += a[start + i]
    return res
  }
  let n2 = Math.floor(n / 2)
  n2 -= n2 % 8
  return pairwise(a, start, n2) + pairwise(a, start + n2, n - n2)
}

/** Σ a[start..start+n) in numpy's order. */
export function numpySum(a: ArrayLike<number>, start = 0, n = a.length - start): number {
  return pairwise(a, start, n)
}
