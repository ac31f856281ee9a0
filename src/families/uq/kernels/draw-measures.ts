/**
 * The per-draw measures of Inv-Entropy and its siblings (spec §2.4; all "higher = more uncertain",
 * as the released `evaluate.py` evaluates them). Natural logarithms throughout.
 */
import type {DrawDistributions} from './draw-distributions.js'

export interface DrawMeasures {
  /** Inv-Entropy: −Σ_i p_i ln p_i over the diagonal p_i = P(x_i | y_i) (unnormalised, unweighted). */
  readonly invEntropy: number
  /** NI-Entropy: the same on q_i = P(y_i | x_i). */
  readonly niEntropy: number
  /** WD-px-py: 1-D Wasserstein-1 distance between the values of P(X) and P(Y) as two samples. */
  readonly wdPxPy: number
  /** The paper's MAX-py-x: max_i P(y_i | x_i). */
  readonly maxPyGivenX: number
  /** What the released code reports as max_y_I: max_j P(Y = y_j). */
  readonly maxPy: number
}

/** −Σ p ln p with 0 ln 0 = 0. */
export function entropyTermsNats(p: Float64Array): number {
  let h = 0
  for (const v of p) if (v > 0) h -= v * Math.log(v)
  return h
}

/** `src` copied into `dst` in ascending order (insertion sort: the vectors have m ≈ 10 entries). */
function sortedCopy(src: Float64Array, dst: Float64Array): Float64Array {
  for (let i = 0; i < src.length; i++) {
    const v = src[i]
    let j = i - 1
    for (; j >= 0 && dst[j] > v; j--) dst[j + 1] = dst[j]
    dst[j + 1] = v
  }
  return dst
}

/**
 * Wasserstein-1 distance between two equal-size empirical samples:
 * mean_k |sort(a)_k − sort(b)_k| (equals scipy.stats.wasserstein_distance for equal sizes).
 * `sa`, `sb` are scratch buffers of the same length (reused across draws by the scorer).
 */
export function wasserstein1EqualSize(
  a: Float64Array,
  b: Float64Array,
  sa: Float64Array = new Float64Array(a.length),
  sb: Float64Array = new Float64Array(b.length),
): number {
  sortedCopy(a, sa)
  sortedCopy(b, sb)
  let s = 0
  for (let k = 0; k < sa.length; k++) s += Math.abs(sa[k] - sb[k])
  return s / sa.length
}

function maxOf(v: Float64Array): number {
  let m = -Infinity
  for (const x of v) if (x > m) m = x
  return m
}

/** The measures of one draw; `sa`, `sb` optional length-m scratch for the Wasserstein sort. */
export function computeDrawMeasures(d: DrawDistributions, sa?: Float64Array, sb?: Float64Array): DrawMeasures {
  return {
    invEntropy: entropyTermsNats(d.pXGivenYDiag),
    niEntropy: entropyTermsNats(d.pYGivenXDiag),
    wdPxPy: wasserstein1EqualSize(d.pX, d.pY, sa, sb),
    maxPyGivenX: maxOf(d.pYGivenXDiag),
    maxPy: maxOf(d.pY),
  }
}
