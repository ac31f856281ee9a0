/**
 * GAAP, the Genetic Algorithm-based Adversarial Perturbation of the Inv-Entropy paper
 * (Song et al., NeurIPS 2025, Sec. 2.6 and App. C; no code released; spec uq.md §2.9).
 *
 * An individual is the original token sequence with some key tokens substituted or deleted
 * (deletion = empty token, so every individual keeps the original's length and positions align).
 * - Pop₀: every single-key-token substitution of x₀ (each entry of SUB(t), deletion included).
 * - Each generation: roulette-wheel selection of `parents` individuals with P(i) ∝ f_i,
 *   f_i = similarity(x₀, x_i) (closeness to the original, not diversity); crossover of
 *   consecutive parent pairs at one point h ∈ {1…p−1}, swapping tails; mutation of each offspring
 *   at one random key position with a uniform draw from that token's SUB set;
 *   Pop_{t+1} = parents ∪ offspring ∪ mutants (distinct texts).
 * - Stop when t ≥ generations or max_i f_i < δ (paper δ = 0.7).
 * - Output: uniform draws without replacement from Pop_t at t = 0, τ, 2τ, … (graded distance
 *   from x₀), ⌈n / snapshots⌉ from each, then fitted to exactly n (seeded subsample/duplicate).
 * Unspecified in the paper and chosen here: parents per generation, the generation cap, τ,
 * mutation only at key positions. Deterministic for a given PRNG state.
 */
import type {Rng32} from '../../../core/random/xoshiro128.js'
import {fitToCount} from './paraphrase-list.js'

export interface GaapOptions {
  /** Perturbations wanted (paper: 9). */
  readonly count: number
  /** Individuals selected per generation. */
  readonly parents: number
  /** Generation cap (paper: Num). */
  readonly generations: number
  /** Stop when no individual is at least this similar to the original (paper: 0.7). */
  readonly delta: number
  /** Sample the population every τ generations. */
  readonly snapshotEvery: number
}

export interface GaapProblem {
  /** The original's tokens (words and punctuation). */
  readonly tokens: readonly string[]
  /** Positions of the key tokens. */
  readonly keys: readonly number[]
  /** SUB(t) for a key position: replacement tokens; '' is deletion. */
  readonly substitutes: (position: number) => readonly string[]
  /** Similarity of a candidate text to the original text, in [0, 1]. */
  readonly fitness: (text: string) => number
  /** Renders a token sequence as text. */
  readonly render: (tokens: readonly string[]) => string
}

export interface GaapResult {
  readonly perturbations: string[]
  readonly generations: number
  readonly stoppedBy: 'generations' | 'similarity' | 'no-candidates'
  /** Distinct perturbed texts seen in the sampled populations. */
  readonly distinct: number
}

type Individual = {tokens: string[]; text: string; fitness: number}

function rouletteIndex(pop: readonly Individual[], total: number, rng: Rng32): number {
  if (total <= 0) return rng.nextInt(pop.length)
  let r = rng.nextFloat() * total
  for (let i = 0; i < pop.length; i++) {
    r -= pop[i].fitness
    if (r < 0) return i
  }
  return pop.length - 1
}

export function runGaap(problem: GaapProblem, o: GaapOptions, rng: Rng32): GaapResult {
  const original = problem.render(problem.tokens)
  const make = (tokens: string[]): Individual => {
    const text = problem.render(tokens)
    return {tokens, text, fitness: problem.fitness(text)}
  }
  const distinctPush = (pop: Individual[], seen: Set<string>, ind: Individual) => {
    if (!seen.has(ind.text)) {
      seen.add(ind.text)
      pop.push(ind)
    }
  }
  let pop: Individual[] = []
  const seen0 = new Set<string>()
  for (const k of problem.keys) {
    for (const s of problem.substitutes(k)) {
      const tokens = problem.tokens.slice()
      tokens[k] = s
      distinctPush(pop, seen0, make(tokens))
    }
  }
  if (pop.length === 0) return {perturbations: [], generations: 0, stoppedBy: 'no-candidates', distinct: 0}
  const snapshots: Individual[][] = []
  const p = problem.tokens.length
  let t = 0
  let stoppedBy: GaapResult['stoppedBy'] = 'generations'
  for (; ; t++) {
    if (t % o.snapshotEvery === 0) snapshots.push(pop)
    if (t >= o.generations) break
    if (Math.max(...pop.map((x) => x.fitness)) < o.delta) {
      stoppedBy = 'similarity'
      break
    }
    const total = pop.reduce((a, x) => a + x.fitness, 0)
    const parents = Array.from({length: o.parents}, () => pop[rouletteIndex(pop, total, rng)])
    const offspring: Individual[] = []
    for (let i = 0; i + 1 < parents.length; i += 2) {
      const [a, b] = [parents[i].tokens, parents[i + 1].tokens]
      const h = p < 2 ? p : 1 + rng.nextInt(p - 1)
      offspring.push(make([...a.slice(0, h), ...b.slice(h)]), make([...b.slice(0, h), ...a.slice(h)]))
    }
    const mutants = offspring.map((child) => {
      const k = problem.keys[rng.nextInt(problem.keys.length)]
      const subs = problem.substitutes(k)
      const tokens = child.tokens.slice()
      tokens[k] = subs.length > 0 ? subs[rng.nextInt(subs.length)] : tokens[k]
      return make(tokens)
    })
    const next: Individual[] = []
    const seen = new Set<string>()
    for (const ind of [...parents, ...offspring, ...mutants]) distinctPush(next, seen, ind)
    pop = next
  }
  const chosen: string[] = []
  const per = Math.ceil(o.count / snapshots.length)
  for (const snap of snapshots) {
    const pool = snap
      .filter((x) => x.text !== original && x.text.length > 0 && !chosen.includes(x.text))
      .map((x) => x.text)
    for (let k = 0; k < per && pool.length > 0; k++) chosen.push(pool.splice(rng.nextInt(pool.length), 1)[0])
  }
  return {perturbations: fitToCount(chosen, o.count, rng), generations: t, stoppedBy, distinct: chosen.length}
}
