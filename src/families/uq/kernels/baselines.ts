/**
 * The zero-extra-call baselines of the Inv-Entropy paper (spec §2.7) computed from one set of
 * responses: their similarity matrix W (m×m, diagonal 1) and texts, plus the pass-through
 * P(True) and verbalized confidence when the input supplies them. All "higher = more uncertain".
 */
import {degreeMatrixUncertainty} from './degree-matrix-uncertainty.js'
import {eccentricity} from './eccentricity.js'
import {eigenvalueUncertainty} from './eigenvalue-uncertainty.js'
import {kernelEntropy} from './kernel-entropy.js'
import {kernelLanguageEntropy} from './kernel-language-entropy.js'
import {lexicalSimilarityUncertainty} from './lexical-similarity.js'
import {normalizedLaplacian} from './normalized-laplacian.js'
import {clusterBySimilarity} from './similarity-clusters.js'
import {symmetricEigen} from './symmetric-eigen.js'

export const baselineNames = [
  'degmat',
  'eigv',
  'eccentricity',
  'kernel_entropy',
  'kle',
  'lexsim',
  'num_sets',
  'semantic_entropy_approx',
  'p_true',
  'verbalized',
] as const
export type BaselineName = (typeof baselineNames)[number]
export type BaselineScores = Record<BaselineName, number | null>

export interface BaselineOptions {
  /** Similarity at or above which two responses share a cluster (NumSets, approximate SE). */
  readonly clusterThreshold: number
  /** Eigenvalue threshold of Eccentricity (lm-polygraph 0.9). */
  readonly eccentricityThreshold: number
  /** Heat-kernel time of KLE (lm-polygraph 0.3). */
  readonly kleTime: number
}

export const defaultBaselineOptions: BaselineOptions = {clusterThreshold: 0.9, eccentricityThreshold: 0.9, kleTime: 0.3}

export interface BaselineInputs {
  readonly w: Float64Array
  readonly m: number
  readonly texts: readonly string[]
  readonly pTrue?: number
  readonly verbalizedConfidence?: number
}

export function computeBaselines(x: BaselineInputs, o: BaselineOptions = defaultBaselineOptions): BaselineScores {
  const clusters = clusterBySimilarity(x.w, x.m, o.clusterThreshold)
  const laplacianEigen = symmetricEigen(normalizedLaplacian(x.w, x.m), x.m) // shared by EigV and Eccentricity
  return {
    degmat: degreeMatrixUncertainty(x.w, x.m),
    eigv: eigenvalueUncertainty(x.w, x.m, laplacianEigen),
    eccentricity: eccentricity(x.w, x.m, o.eccentricityThreshold, laplacianEigen),
    kernel_entropy: kernelEntropy(x.w, x.m),
    kle: kernelLanguageEntropy(x.w, x.m, o.kleTime),
    lexsim: lexicalSimilarityUncertainty(x.texts),
    num_sets: clusters.count,
    semantic_entropy_approx: clusters.entropyNats,
    p_true: x.pTrue === undefined ? null : 1 - x.pTrue,
    verbalized: x.verbalizedConfidence === undefined ? null : 1 - x.verbalizedConfidence,
  }
}
