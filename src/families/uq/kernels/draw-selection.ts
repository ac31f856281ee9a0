/**
 * Which response of each input a Monte Carlo draw uses (Inv-Entropy Algorithm 1, spec §2.4):
 * one response per input, uniformly. When the number of distinct tuples ∏ r_i is at most B,
 * every tuple is enumerated once (exact mean, no randomness); otherwise B tuples are sampled
 * with the given PRNG, input by input, optionally rejecting a tuple already drawn (the released
 * code's behaviour, which makes each draw a distinct combination).
 */
import type {Rng32} from '../../../core/random/xoshiro128.js'

export interface DrawSelectionOptions {
  /** Number of draws B (≥ 1). */
  readonly draws: number
  /** Reject tuples drawn before (default true, as in the released code). */
  readonly uniqueTuples: boolean
}

/** Number of distinct tuples, capped at `cap + 1` to avoid overflow. */
function countTuples(counts: readonly number[], cap: number): number {
  let total = 1
  for (const c of counts) {
    total *= c
    if (total > cap) return cap + 1
  }
  return total
}

/**
 * Visits every tuple, the last input varying fastest. `visit` gets one odometer array that changes
 * between calls (enumerating 10^5 tuples should not allocate 10^5 arrays).
 */
function forEachTuple(counts: readonly number[], total: number, visit: (pick: Int32Array) => void): void {
  const cur = new Int32Array(counts.length)
  for (let t = 0; t < total; t++) {
    visit(cur)
    for (let i = counts.length - 1; i >= 0; i--) {
      cur[i]++
      if (cur[i] < counts[i]) break
      cur[i] = 0
    }
  }
}

/**
 * A tuple's position in the mixed-radix numbering of all tuples (exact while ∏ r_i ≤ 2^53), or
 * its text when there are more tuples than that: the key that detects a repeated draw.
 */
function tupleKey(t: Int32Array, counts: readonly number[], exact: boolean): number | string {
  if (!exact) return t.join(',')
  let key = 0
  for (let i = 0; i < t.length; i++) key = key * counts[i] + t[i]
  return key
}

/**
 * Up to this many draws, a repeat is found by scanning the keys drawn so far (at most B²/2 number
 * comparisons, no allocation); above it, and for tuples too many to number exactly, a Set.
 */
const SCAN_MAX_DRAWS = 64

/**
 * Visits B sampled tuples (optionally all distinct), input by input, in one reused array: a rejected
 * repeat consumes its random numbers and is drawn again, so the stream is that of drawing all first.
 */
function visitSampledTuples(
  counts: readonly number[],
  options: DrawSelectionOptions,
  rng: Rng32,
  visit: (pick: Int32Array) => void,
): void {
  let product = 1
  for (const c of counts) product *= c
  const exact = product <= Number.MAX_SAFE_INTEGER
  const scanned = options.uniqueTuples && exact && options.draws <= SCAN_MAX_DRAWS
  const keys = scanned ? new Float64Array(options.draws) : undefined
  const seen = options.uniqueTuples && !scanned ? new Set<number | string>() : undefined
  const t = new Int32Array(counts.length)
  for (let drawn = 0; drawn < options.draws;) {
    let key = 0
    for (let i = 0; i < counts.length; i++) {
      t[i] = rng.nextInt(counts[i])
      key = key * counts[i] + t[i] // the tuple's mixed-radix number (tupleKey), exact when `exact`
    }
    if (keys !== undefined) {
      let repeat = false
      for (let k = 0; k < drawn && !repeat; k++) repeat = keys[k] === key
      if (repeat) continue
      keys[drawn] = key
    } else if (seen !== undefined) {
      const k = tupleKey(t, counts, exact)
      if (seen.has(k)) continue
      seen.add(k)
    }
    visit(t)
    drawn++
  }
}

/**
 * Visits the draws in order: one response index per input, for each of min(B, ∏ r_i) draws.
 * Returns how many were visited. The array passed to `visit` must not be kept.
 */
export function forEachDraw(
  counts: readonly number[],
  options: DrawSelectionOptions,
  rng: Rng32,
  visit: (pick: Int32Array) => void,
): number {
  const total = countTuples(counts, options.draws)
  if (total <= options.draws) {
    forEachTuple(counts, total, visit)
    return total
  }
  visitSampledTuples(counts, options, rng, visit)
  return options.draws
}

/** The draws of forEachDraw as separate arrays. */
export function selectDraws(counts: readonly number[], options: DrawSelectionOptions, rng: Rng32): Int32Array[] {
  const out: Int32Array[] = []
  forEachDraw(counts, options, rng, (pick) => out.push(Int32Array.from(pick)))
  return out
}
