/**
 * Inv-Entropy and its sibling measures for one question (spec §2.4, paper eq. 6): the mean over
 * B draws of the per-draw measures, plus NR-Inv-Entropy (no replications: the first response of
 * every input, one draw). Px is fixed; each draw rebuilds Py from the cached similarity of all
 * responses (the released code slices its 50×50 matrix the same way), in the fused per-draw kernel
 * of ./draw-evaluator.ts (bit-identical to ./draw-distributions.ts + ./draw-measures.ts).
 */
import type {Rng32} from '../../../core/random/xoshiro128.js'
import {drawMeasuresOf, FusedDrawKernel} from './draw-evaluator.js'
import type {DrawMeasures} from './draw-measures.js'
import {forEachDraw, type DrawSelectionOptions} from './draw-selection.js'
import {rowNormalize} from './row-normalize.js'

/** Similarities of one item: inputs (m×m) and all responses flattened in input order (M×M). */
export interface ItemSimilarities {
  /** Number of inputs m = n + 1 (index 0 = the original question). */
  readonly m: number
  /** Input similarity, row-major m×m, diagonal 1. */
  readonly inputSimilarity: Float64Array
  /** Responses per input, r_i ≥ 1. */
  readonly responseCounts: readonly number[]
  /** Response similarity, row-major M×M with M = Σ r_i, responses of input 0 first. */
  readonly responseSimilarity: Float64Array
}

export interface InvEntropyScores extends DrawMeasures {
  /** NR-Inv-Entropy: Inv-Entropy of the draw using each input's first response. */
  readonly nrInvEntropy: number
  /** Number of draws actually averaged (∏ r_i when that is below B). */
  readonly drawsUsed: number
}

/** Offsets of each input's first response in the flattened response list. */
export function responseOffsets(counts: readonly number[]): Int32Array {
  const off = new Int32Array(counts.length)
  for (let i = 1; i < counts.length; i++) off[i] = off[i - 1] + counts[i - 1]
  return off
}

/** Evaluates draws of one item with buffers allocated once (10^5 enumerated tuples allocate nothing). */
export type DrawEvaluator = (pick: Int32Array) => DrawMeasures

/** What scoreInvEntropy reuses from item to item: the per-draw kernel and the small per-item arrays. */
export class InvEntropyScratch {
  readonly kernel = new FusedDrawKernel()
  px = new Float64Array(0)
  flat = new Int32Array(0)
  offsets = new Int32Array(0)
  readonly draw = new Float64Array(5)
  readonly sums = new Float64Array(5)

  /** Loads the item into the kernel (Px = the row-normalised input similarity) and sizes the arrays to m. */
  load(sim: ItemSimilarities): void {
    const m = sim.m
    if (this.px.length !== m * m) this.px = new Float64Array(m * m)
    if (this.flat.length !== m) {
      this.flat = new Int32Array(m)
      this.offsets = new Int32Array(m)
    }
    rowNormalize(sim.inputSimilarity, m, this.px)
    const counts = sim.responseCounts
    this.offsets[0] = 0
    for (let i = 1; i < m; i++) this.offsets[i] = this.offsets[i - 1] + counts[i - 1]
    this.kernel.load(sim.responseSimilarity, this.offsets[m - 1] + counts[m - 1], this.px, m)
  }

  /** Measures of the tuple `pick` (one response index per input) into `draw`. */
  evaluate(pick: Int32Array): void {
    const flat = this.flat
    for (let i = 0; i < flat.length; i++) flat[i] = this.offsets[i] + pick[i]
    this.kernel.evaluate(flat, this.draw)
  }
}

export function createDrawEvaluator(sim: ItemSimilarities, px: Float64Array, offsets: Int32Array): DrawEvaluator {
  const kernel = new FusedDrawKernel()
  const m = sim.m
  kernel.load(sim.responseSimilarity, offsets[m - 1] + sim.responseCounts[m - 1], px, m)
  const flat = new Int32Array(m)
  const out = new Float64Array(5)
  return (pick) => {
    for (let i = 0; i < m; i++) flat[i] = offsets[i] + pick[i]
    kernel.evaluate(flat, out)
    return drawMeasuresOf(out)
  }
}

/** Per-draw measures of the tuple `pick` (one response index per input). */
export function measureDraw(
  sim: ItemSimilarities,
  px: Float64Array,
  pick: Int32Array,
  offsets: Int32Array,
): DrawMeasures {
  return createDrawEvaluator(sim, px, offsets)(pick)
}

/** The measures averaged over the draws (scratch: reused buffers, e.g. one per scorer). */
export function scoreInvEntropy(
  sim: ItemSimilarities,
  options: DrawSelectionOptions,
  rng: Rng32,
  scratch: InvEntropyScratch = new InvEntropyScratch(),
): InvEntropyScores {
  scratch.load(sim)
  const {draw, sums} = scratch
  sums.fill(0)
  const b = forEachDraw(sim.responseCounts, options, rng, (pick) => {
    scratch.evaluate(pick)
    for (let k = 0; k < 5; k++) sums[k] += draw[k]
  })
  scratch.kernel.evaluate(scratch.offsets, draw) // NR: each input's first response, flat index = its offset
  return {
    invEntropy: sums[0] / b,
    niEntropy: sums[1] / b,
    wdPxPy: sums[2] / b,
    maxPyGivenX: sums[3] / b,
    maxPy: sums[4] / b,
    nrInvEntropy: draw[0],
    drawsUsed: b,
  }
}
