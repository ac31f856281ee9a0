/**
 * The all-pairs zone sums of the Couzin step in WebAssembly SIMD (wasm/couzin-pairs.wat, assembled
 * by scripts/build-wasm.mjs), bit-identical to the TypeScript pair loop of `couzin-step.ts`.
 *
 * Why a second implementation: in a dense box (r_a > L/2, where no cell grid applies) the step is
 * N² pair evaluations, and V8's scalar code with bounds checks and a data-dependent branch per zone
 * reaches about 3.7·10⁷ pairs/s. The kernel puts two fish (two rows) in the two lanes of every
 * vector and walks all neighbours j in ascending order, so each fish's sums are rounded exactly as
 * in the TypeScript loop (the .wat header says why); masks replace the zone branches. Like the
 * TypeScript loop it evaluates each pair inside the rows once and feeds both fish (fish j's sums
 * are updated in memory, lane i0 then i1), about 1.1·10⁸ pairs/s (bench/school/pair-rate.ts).
 *
 * The kernel owns one WebAssembly memory holding positions, unit headings, sums and counts; the
 * stepper reads and writes them through the typed-array views below. Unavailable (no WebAssembly
 * SIMD, or INFOLENS_WASM=off via core/linalg's `simdStatus`) → `createPairSums` returns undefined
 * and the stepper runs its TypeScript loop.
 */
import {couzinPairsBase64} from './wasm/couzin-pairs-binary.js'
import {instantiateEmbedded} from './wasm-instance.js'

/** The radii, box and blind-cone constants the kernel needs, as the stepper computes them. */
export interface PairConstants {
  readonly L: number
  /** minimum-image threshold T (minimum-image.ts) */
  readonly threshold: number
  readonly rRepulsion: number
  readonly rOrientation: number
  readonly rAttraction: number
  /** r_a² loosened by 1e-12, the squared-distance prefilter */
  readonly raSafe: number
  readonly cosThreshold: number
  readonly blind: boolean
}

interface PairExports {
  pair_sums(
    pos: number,
    unit: number,
    sums: number,
    counts: number,
    n: number,
    lo: number,
    hi: number,
    L: number,
    threshold: number,
    rr: number,
    ro: number,
    ra: number,
    raSafe: number,
    cosThr: number,
    blind: number,
    scratch: number,
  ): void
}

/** Views into the kernel's memory; `run` fills `sums`/`counts` of rows lo … hi−1 from `positions` and `unit`. */
export interface PairSums {
  readonly positions: Float64Array
  readonly unit: Float64Array
  readonly sums: Float64Array
  readonly counts: Int32Array
  run(lo: number, hi: number): void
}

/** the kernel's per-call scratch: row vectors, splatted constants, the two rows' sums and counts (couzin-pairs.wat) */
const SCRATCH_BYTES = 464

/** The SIMD pair kernel for n fish, or undefined when WebAssembly SIMD is unavailable or switched off. */
export function createPairSums(n: number, c: PairConstants): PairSums | undefined {
  const posAt = 0,
    unitAt = posAt + 24 * n,
    sumsAt = unitAt + 24 * n,
    countsAt = sumsAt + 72 * n,
    scratchAt = countsAt + 16 * Math.ceil((12 * n) / 16)
  const instance = instantiateEmbedded<PairExports>(couzinPairsBase64, scratchAt + SCRATCH_BYTES)
  if (instance === undefined) return undefined
  const {exports: kernel, buffer} = instance
  const sums = new Float64Array(buffer, sumsAt, 9 * n),
    counts = new Int32Array(buffer, countsAt, 3 * n)
  return {
    positions: new Float64Array(buffer, posAt, 3 * n),
    unit: new Float64Array(buffer, unitAt, 3 * n),
    sums,
    counts,
    run(lo, hi) {
      // the kernel adds into the rows' entries (fish below a row feed it through memory)
      sums.fill(0, 9 * lo, 9 * hi)
      counts.fill(0, 3 * lo, 3 * hi)
      kernel.pair_sums(
        posAt,
        unitAt,
        sumsAt,
        countsAt,
        n,
        lo,
        hi,
        c.L,
        c.threshold,
        c.rRepulsion,
        c.rOrientation,
        c.rAttraction,
        c.raSafe,
        c.cosThreshold,
        c.blind ? 1 : 0,
        scratchAt,
      )
    },
  }
}
