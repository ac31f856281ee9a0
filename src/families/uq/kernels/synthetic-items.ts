/**
 * A seeded synthetic `inv-entropy/v1` dataset with embeddings, for demos, tests and benchmarks
 * (no model needed). Each question has a hidden difficulty h ~ U(0,1). Its inputs are noisy
 * copies of a question direction (perturbations drift further; noise norms ≈ 0.2–0.65). Each response picks the right
 * answer cluster with probability 1 − h·s(T), s(T) = 0.5 + T/2 (more temperature, more
 * dispersion), otherwise one of three wrong clusters; its embedding is the cluster direction plus
 * noise. The label `correct` is 1 with probability 1 − h, so dispersion predicts errors.
 * Verbalized confidence is 1 − h plus noise, clipped to [0, 1].
 */
import {createXoshiro128, type Rng32} from '../../../core/random/xoshiro128.js'

export interface SyntheticOptions {
  readonly items: number
  /** Inputs per item (original + perturbations), ≥ 2. */
  readonly inputs: number
  readonly responses: number
  readonly dim: number
  readonly temperatures: readonly number[]
  readonly seed: number
  /** Decimal places kept in embeddings (smaller files). */
  readonly decimals: number
}

export const defaultSyntheticOptions: SyntheticOptions = {
  items: 40,
  inputs: 10,
  responses: 5,
  dim: 32,
  temperatures: [0.7],
  seed: 0,
  decimals: 5,
}

function gaussian(rng: Rng32): number {
  const u = 1 - rng.nextFloat()
  const v = rng.nextFloat()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
}

function randomUnit(rng: Rng32, dim: number): number[] {
  const v = Array.from({length: dim}, () => gaussian(rng))
  const n = Math.hypot(...v)
  return v.map((x) => x / n)
}

function noisy(rng: Rng32, base: readonly number[], sigma: number, decimals: number): number[] {
  const f = 10 ** decimals
  return base.map((x) => Math.round((x + sigma * gaussian(rng)) * f) / f)
}

const answers = ['Sinclair Lewis', 'Upton Sinclair', 'Sinclair Ross', 'Lewis Carroll']

/** Item k of the dataset, as a plain JSON-ready object. */
export function synthesizeItem(k: number, o: SyntheticOptions): Record<string, unknown> {
  const rng = createXoshiro128(o.seed, k)
  const h = rng.nextFloat()
  const question = randomUnit(rng, o.dim)
  const clusters = answers.map(() => randomUnit(rng, o.dim))
  const correct = rng.nextFloat() < 1 - h ? 1 : 0
  const inputVectors = Array.from({length: o.inputs}, (_, i) =>
    noisy(rng, question, i === 0 ? 0 : (0.2 + 0.05 * i) / Math.sqrt(o.dim), o.decimals),
  )
  const runs = o.temperatures.map((t) => {
    const wrongRate = Math.min(1, h * (0.5 + t / 2))
    return {
      temperature: t,
      inputs: inputVectors.map((embedding, i) => ({
        text:
          i === 0 ? `Question ${k}: which author is meant?` : `Question ${k}, paraphrase ${i}: which author is meant?`,
        kind: i === 0 ? 'original' : 'paraphrase',
        embedding,
        responses: Array.from({length: o.responses}, () => {
          const c = rng.nextFloat() < wrongRate ? 1 + rng.nextInt(3) : 0
          return {text: answers[c], embedding: noisy(rng, clusters[c], (0.3 + 0.2 * t) / Math.sqrt(o.dim), o.decimals)}
        }),
      })),
      verbalizedConfidence: Math.round(Math.min(1, Math.max(0, 1 - h + 0.1 * gaussian(rng))) * 100) / 100,
    }
  })
  return {schema: 'inv-entropy/v1', id: `synthetic-${String(k).padStart(4, '0')}`, reference: answers[0], correct, runs}
}
