/**
 * The velocity-correlation histogram over all pairs i < j of N unit headings, c = (v̂_i·v̂_j + 1)/2
 * in 20 bins on [0, 1] with NumPy's bin rule, by the WebAssembly SIMD kernel wasm/heading-pairs.wat.
 *
 * Why a kernel: the count is N(N−1)/2 pairs with no cut-off (heading space has no neighbourhood
 * to exploit for isotropic headings: see docs/school.md "Speed"), 2·10⁸ pairs at N = 20,000. The
 * kernel takes four pairs per vector in float32 and hands every block of four with a pair within
 * 1e-4 of a bin edge (float32 error < 5e-6, the .wat header derives it) to the exact float64 rule,
 * so the counts equal those of the TypeScript loop in school-metrics.ts exactly (tested).
 * Undefined from `createHeadingPairHistogram` where WebAssembly SIMD is unavailable.
 */
import {headingPairsBase64} from './wasm/heading-pairs-binary.js'
import {instantiateEmbedded} from './wasm-instance.js'

interface HeadingPairExports {
  heading_pairs(
    x: number,
    y: number,
    z: number,
    u: number,
    n: number,
    edges: number,
    counts: number,
    scratch: number,
    pending: number,
    row0: number,
    row1: number,
  ): void
}

const BINS = 20
/** int32 counters of the exact rule (bins 0 … 19 used; 32 keeps the tables after it 16-aligned) */
const EXACT_SLOTS = 32
/** the eight tables of keys b + 20·b' (two pairs' bins), 400 int32 each */
const KEYS = BINS * BINS
const TABLES = 8
const COUNTER_SLOTS = EXACT_SLOTS + TABLES * KEYS
/** the kernel's loop constants (heading-pairs.wat) */
const SCRATCH_BYTES = 112

export interface HeadingPairHistogram {
  /** Writes into `counts` (length 20) the histogram of the first n headings of `unit` (N×3). */
  count(unit: Float64Array, n: number, counts: Float64Array): void
}

/** The kernel itself, which can also count a band of rows (the share of one thread). */
export interface HeadingPairKernel extends HeadingPairHistogram {
  /** Writes into `counts` the histogram of the pairs i < j with row0 <= i < row1 (row0 a multiple of 4, row1 too or n). */
  countRows(unit: Float64Array, n: number, row0: number, row1: number, counts: Float64Array): void
}

/**
 * The row (a multiple of 4, the kernel's row block) that splits the N(N−1)/2 pairs i < j in two
 * near-equal halves: rows below it hold Σ (n − 1 − i) = r(2n − r − 1)/2 pairs, solved for half of
 * all pairs and rounded to a multiple of 4.
 */
export function balancedRowSplit(n: number): number {
  const b = 2 * n - 1
  const r = (b - Math.sqrt(b * b - 2 * n * (n - 1))) / 2
  return Math.min(n, 4 * Math.round(r / 4))
}

/** For up to `capacity` fish, with the 21 bin edges of `np.histogram(…, 20, (0, 1))`. */
export function createHeadingPairHistogram(capacity: number, edges: Float64Array): HeadingPairKernel | undefined {
  if (edges.length !== BINS + 1) throw new RangeError(`expected ${BINS + 1} bin edges, got ${edges.length}`)
  // int32 counters: all pairs must fit one (the TypeScript loop counts in doubles beyond that)
  if ((capacity * (capacity - 1)) / 2 > 0x7fffffff) return undefined
  const f32 = 4 * Math.ceil(capacity / 4) * 4 // float32 columns padded to whole vectors
  const xAt = 0,
    yAt = xAt + f32,
    zAt = yAt + f32,
    uAt = zAt + f32,
    edgesAt = uAt + 24 * capacity,
    countsAt = edgesAt + 8 * (BINS + 1)
  const scratchAt = 16 * Math.ceil((countsAt + 4 * COUNTER_SLOTS) / 16),
    pendingAt = scratchAt + SCRATCH_BYTES
  const instance = instantiateEmbedded<HeadingPairExports>(headingPairsBase64, pendingAt + 4 * capacity)
  if (instance === undefined) return undefined
  const {exports, buffer} = instance
  const x = new Float32Array(buffer, xAt, capacity),
    y = new Float32Array(buffer, yAt, capacity),
    z = new Float32Array(buffer, zAt, capacity),
    u = new Float64Array(buffer, uAt, 3 * capacity),
    counters = new Int32Array(buffer, countsAt, COUNTER_SLOTS)
  new Float64Array(buffer, edgesAt, BINS + 1).set(edges)
  function countRows(unit: Float64Array, n: number, row0: number, row1: number, counts: Float64Array): void {
    if (n > capacity) throw new RangeError(`${n} headings, capacity ${capacity}`)
    if (row0 % 4 !== 0 || (row1 % 4 !== 0 && row1 !== n))
      throw new RangeError(`row band [${row0}, ${row1}) does not start and end on multiples of 4`)
    u.set(unit.subarray(0, 3 * n))
    for (let i = 0; i < n; i++) {
      x[i] = unit[3 * i]
      y[i] = unit[3 * i + 1]
      z[i] = unit[3 * i + 2]
    }
    counters.fill(0)
    exports.heading_pairs(xAt, yAt, zAt, uAt, n, edgesAt, countsAt, scratchAt, pendingAt, row0, row1)
    for (let b = 0; b < BINS; b++) counts[b] = counters[b]
    // key b + 20·b' counted two pairs, one in bin b and one in bin b'
    for (let t = 0; t < TABLES; t++)
      for (let key = 0; key < KEYS; key++) {
        const c = counters[EXACT_SLOTS + t * KEYS + key]
        counts[key % BINS] += c
        counts[Math.floor(key / BINS)] += c
      }
  }
  return {countRows, count: (unit, n, counts) => countRows(unit, n, 0, n, counts)}
}
