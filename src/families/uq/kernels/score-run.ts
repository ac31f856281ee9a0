/**
 * Scores one run of one question (one sampling temperature): builds the input and response
 * similarity matrices from embeddings, the lexical embedder or precomputed matrices, then
 * Inv-Entropy and its siblings (averaged over seeded draws) and, optionally, the baselines on
 * the responses to the original question (paper protocol) or on all responses pooled.
 */
import {createXoshiro128} from '../../../core/random/xoshiro128.js'
import {computeBaselines, type BaselineOptions, type BaselineScores} from './baselines.js'
import {lexicalSimilarityMatrix} from './hashed-tfidf.js'
import {InvEntropyScratch, scoreInvEntropy, type InvEntropyScores, type ItemSimilarities} from './inv-entropy-score.js'
import {
  createJointSimilarityScratch,
  jointEmbeddingSimilarities,
  type JointSimilarityScratch,
} from './joint-similarity.js'
import {cleanPrecomputedSimilarity, similarityMatrix, type SimilarityKind} from './similarity-matrix.js'

/** What scoring needs from a run (the io layer's UqRun satisfies it). */
export interface ScorableRun {
  readonly inputs: readonly {
    readonly text: string
    readonly embedding?: ArrayLike<number>
    readonly responses: readonly {readonly text: string; readonly embedding?: ArrayLike<number>}[]
  }[]
  readonly inputSimilarity?: readonly ArrayLike<number>[]
  readonly responseSimilarity?: readonly ArrayLike<number>[]
  readonly pTrue?: number
  readonly verbalizedConfidence?: number
}

export interface RunScoringOptions {
  /** Similarity of embeddings, or `precomputed` (the run's matrices). */
  readonly similarity: SimilarityKind | 'precomputed'
  /** Where embeddings come from when needed: the input file or the built-in lexical embedder. */
  readonly embedder: 'input' | 'lexical'
  /** Symmetrise precomputed matrices as (S + Sᵀ)/2. */
  readonly symmetrize: boolean
  readonly draws: number
  readonly uniqueDraws: boolean
  readonly seed: number
  readonly baselines: boolean
  /** `original`: the responses to inputs[0] (paper protocol); `pooled`: all responses. */
  readonly baselineResponses: 'original' | 'pooled'
  readonly baselineOptions: BaselineOptions
}

export interface RunScores {
  readonly invEntropy: InvEntropyScores
  readonly baselines?: BaselineScores
}

/** Texts and embeddings of one side (inputs or responses); texts are only read by the lexical embedder. */
interface EmbeddedSide {
  texts(): readonly string[]
  readonly vectors: readonly (ArrayLike<number> | undefined)[]
}

function embeddingSimilarity(side: EmbeddedSide, o: RunScoringOptions, kind: SimilarityKind): Float64Array {
  const vectors = side.vectors
  if (o.embedder === 'lexical' || vectors.some((v) => v === undefined))
    return lexicalSimilarityMatrix(side.texts(), kind)
  const vs = vectors as readonly ArrayLike<number>[]
  return similarityMatrix(vs, vs[0].length, kind)
}

/** Buffers a scorer keeps between runs (sized to the largest run seen; see createRunScorer). */
export interface RunScratch extends JointSimilarityScratch {
  inputSimilarity: Float64Array
  responseSimilarity: Float64Array
  readonly draws: InvEntropyScratch
}

export function createRunScratch(): RunScratch {
  return {
    ...createJointSimilarityScratch(),
    inputSimilarity: new Float64Array(0),
    responseSimilarity: new Float64Array(0),
    draws: new InvEntropyScratch(),
  }
}

/** Responses per input, and every response in input order. */
function flattenResponses(run: ScorableRun): {
  counts: number[]
  responses: ScorableRun['inputs'][number]['responses'][number][]
} {
  const counts: number[] = []
  const responses: {readonly text: string; readonly embedding?: ArrayLike<number>}[] = []
  for (const x of run.inputs) {
    counts.push(x.responses.length)
    for (const y of x.responses) responses.push(y)
  }
  return {counts, responses}
}

/**
 * Both matrices from one Gram of all embeddings (./joint-similarity.ts), when the run takes both from
 * its embeddings; they are `scratch`'s buffers (resized to this run), valid until the scratch's next use.
 */
function jointSimilarities(run: ScorableRun, o: RunScoringOptions, scratch: RunScratch): ItemSimilarities | undefined {
  if (o.similarity === 'precomputed' || o.embedder !== 'input' || run.inputSimilarity || run.responseSimilarity)
    return undefined
  const m = run.inputs.length
  const counts: number[] = []
  let total = 0
  for (const x of run.inputs) {
    counts.push(x.responses.length)
    total += x.responses.length
  }
  if (scratch.inputSimilarity.length !== m * m) scratch.inputSimilarity = new Float64Array(m * m)
  if (scratch.responseSimilarity.length !== total * total) scratch.responseSimilarity = new Float64Array(total * total)
  if (!jointEmbeddingSimilarities(run, o.similarity, scratch, scratch)) return undefined
  return {
    m,
    inputSimilarity: scratch.inputSimilarity,
    responseCounts: counts,
    responseSimilarity: scratch.responseSimilarity,
  }
}

/**
 * The item's similarity matrices under the chosen options. With `scratch` they may be its buffers
 * (valid until its next use); without, they are new arrays.
 */
export function buildSimilarities(run: ScorableRun, o: RunScoringOptions, scratch?: RunScratch): ItemSimilarities {
  const joint = jointSimilarities(run, o, scratch ?? createRunScratch())
  if (joint) return joint
  const {counts, responses} = flattenResponses(run)
  const kind: SimilarityKind = o.similarity === 'precomputed' ? 'abs-cos' : o.similarity
  const usePrecomputed = o.similarity === 'precomputed' || o.embedder === 'input'
  const inputSimilarity =
    run.inputSimilarity && usePrecomputed
      ? cleanPrecomputedSimilarity(run.inputSimilarity, o.symmetrize)
      : embeddingSimilarity(
          {texts: () => run.inputs.map((x) => x.text), vectors: run.inputs.map((x) => x.embedding)},
          o,
          kind,
        )
  const responseSimilarity =
    run.responseSimilarity && usePrecomputed
      ? cleanPrecomputedSimilarity(run.responseSimilarity, o.symmetrize)
      : embeddingSimilarity(
          {texts: () => responses.map((y) => y.text), vectors: responses.map((y) => y.embedding)},
          o,
          kind,
        )
  return {m: run.inputs.length, inputSimilarity, responseCounts: counts, responseSimilarity}
}

/** Top-left k×k block of a row-major n×n matrix. */
function leadingBlock(s: Float64Array, n: number, k: number): Float64Array {
  const out = new Float64Array(k * k)
  for (let i = 0; i < k; i++) out.set(s.subarray(i * n, i * n + k), i * k)
  return out
}

/**
 * Scores a run. `stream` selects the PRNG stream (infolens uses line·1024 + run index, so a
 * result depends only on the seed and the item's position in the file).
 */
export function scoreRun(
  run: ScorableRun,
  o: RunScoringOptions,
  stream: number,
  scratch: RunScratch = createRunScratch(),
): RunScores {
  const sim = buildSimilarities(run, o, scratch)
  const invEntropy = scoreInvEntropy(
    sim,
    {draws: o.draws, uniqueTuples: o.uniqueDraws},
    createXoshiro128(o.seed, stream),
    scratch.draws,
  )
  if (!o.baselines) return {invEntropy}
  const total = sim.responseCounts.reduce((a, b) => a + b, 0)
  const k = o.baselineResponses === 'original' ? sim.responseCounts[0] : total
  const texts = run.inputs.flatMap((x) => x.responses.map((y) => y.text)).slice(0, k)
  const baselines = computeBaselines(
    {
      w: leadingBlock(sim.responseSimilarity, total, k),
      m: k,
      texts,
      pTrue: run.pTrue,
      verbalizedConfidence: run.verbalizedConfidence,
    },
    o.baselineOptions,
  )
  return {invEntropy, baselines}
}
