/** Flags shared by the uq commands that score a JSONL file, and their mapping to kernel options. */
import {Flags} from '@oclif/core'
import {floatFlag, integerFlag} from '../../core/cli/numeric-flags.js'
import {defaultBaselineOptions} from './kernels/baselines.js'
import type {RunScoringOptions} from './kernels/score-run.js'

export const uqScoringFlags = {
  similarity: Flags.option({
    options: ['abs-cos', 'shifted-cos', 'precomputed'] as const,
    default: 'abs-cos' as const,
    summary: "Similarity: |cos| (released code), (1+cos)/2 (paper text), or the runs' precomputed matrices.",
  })(),
  embedder: Flags.option({
    options: ['input', 'lexical'] as const,
    default: 'input' as const,
    summary: 'Embeddings from the input file, or the built-in hashed n-gram TF-IDF (lexical) embedder.',
  })(),
  symmetrize: Flags.boolean({summary: 'Symmetrise precomputed similarity matrices as (S+Sᵀ)/2.', default: false}),
  draws: integerFlag({
    min: 1,
    max: 100000,
    default: 20,
    summary: 'Monte Carlo draws B per item (released code 20, paper 30).',
  }),
  'unique-draws': Flags.boolean({
    default: true,
    allowNo: true,
    summary: 'Reject repeated response tuples (released code behaviour).',
  }),
  seed: integerFlag({
    default: 0,
    min: 0,
    max: 2 ** 31 - 1,
    summary: 'Seed of the draws (xoshiro128**, recorded in the report).',
  }),
  baselines: Flags.boolean({
    default: true,
    allowNo: true,
    summary:
      'Also compute DegMat, EigV, Eccentricity, KernelEntropy, KLE, LexSim, NumSets, approximate SE, P(True), VU.',
  }),
  'baseline-responses': Flags.option({
    options: ['original', 'pooled'] as const,
    default: 'original' as const,
    summary: 'Baselines on the responses to the original question (paper protocol) or on all responses.',
  })(),
  'cluster-threshold': floatFlag({
    min: 0,
    max: 1,
    default: 0.9,
    summary: 'Similarity ≥ this links two responses (NumSets, approximate SE).',
  }),
  'skip-bad': Flags.boolean({
    default: false,
    summary: 'Skip malformed lines (counted and listed in the report) instead of stopping.',
  }),
}

export interface UqScoringFlagValues {
  similarity: 'abs-cos' | 'shifted-cos' | 'precomputed'
  embedder: 'input' | 'lexical'
  symmetrize: boolean
  draws: number
  'unique-draws': boolean
  seed: number
  baselines: boolean
  'baseline-responses': 'original' | 'pooled'
  'cluster-threshold': number
}

export function scoringOptionsFromFlags(f: UqScoringFlagValues): RunScoringOptions {
  const threshold = f['cluster-threshold']
  return {
    similarity: f.similarity,
    embedder: f.embedder,
    symmetrize: f.symmetrize,
    draws: f.draws,
    uniqueDraws: f['unique-draws'],
    seed: f.seed,
    baselines: f.baselines,
    baselineResponses: f['baseline-responses'],
    baselineOptions: {...defaultBaselineOptions, clusterThreshold: threshold},
  }
}
