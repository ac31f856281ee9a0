/**
 * Inv-Entropy and its sibling measures for one question (spec §2.4, paper eq. 6): the mean over
 * B draws of the per-draw measures, plus NR-Inv-Entropy (no replications: the first response of
 * every input, one draw). Px is fixed; each draw rebuilds Py from the cached similarity of all
 * responses (the released code slices its 50×50 matrix the same way).
 */
import type {Rng32} from '../../../core/random/xoshiro128.js'
import {allocateDrawDistributions, computeDrawDistributions} from './draw-distributions.js'
import {computeDrawMeasures, type DrawMeasures} from './draw-measures.js'
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

export function createDrawEvaluator(sim: ItemSimilarities, px: Float64Array, offsets: Int32Array): DrawEvaluator {
  const m = sim.m
  const total = offsets[m - 1] + sim.responseCounts[m - 1]
  const s = sim.responseSimilarity
  const sy = new Float64Array(m * m)
  const py = new Float64Array(m * m)
  const dist = allocateDrawDistributions(m)
  const row = new Float64Array(m)
  const sortedX = new Float64Array(m)
  const sortedY = new Float64Array(m)
  const flat = new Int32Array(m)
  return (pick) => {
    for (let i = 0; i < m; i++) flat[i] = offsets[i] + pick[i]
    for (let i = 0; i < m; i++) {
      const a = flat[i] * total
      for (let j = 0; j < m; j++) sy[i * m + j] = i === j ? 1 : s[a + flat[j]]
    }
    computeDrawDistributions(px, rowNormalize(sy, m, py), m, dist, row)
    return computeDrawMeasures(dist, sortedX, sortedY)
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

export function scoreInvEntropy(sim: ItemSimilarities, options: DrawSelectionOptions, rng: Rng32): InvEntropyScores {
  const m = sim.m
  const px = rowNormalize(sim.inputSimilarity, m)
  const evaluate = createDrawEvaluator(sim, px, responseOffsets(sim.responseCounts))
  let inv = 0
  let ni = 0
  let wd = 0
  let mpx = 0
  let mp = 0
  const b = forEachDraw(sim.responseCounts, options, rng, (pick) => {
    const d = evaluate(pick)
    inv += d.invEntropy
    ni += d.niEntropy
    wd += d.wdPxPy
    mpx += d.maxPyGivenX
    mp += d.maxPy
  })
  const nr = evaluate(new Int32Array(m))
  return {
    invEntropy: inv / b,
    niEntropy: ni / b,
    wdPxPy: wd / b,
    maxPyGivenX: mpx / b,
    maxPy: mp / b,
    nrInvEntropy: nr.invEntropy,
    drawsUsed: b,
  }
}
