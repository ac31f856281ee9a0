/**
 * `uq perturb`: GAAP perturbations of every question (kernels/uq/gaap.ts) with WordNet
 * substitutions when a WordNet database is available, deletions only otherwise; key tokens by
 * KeyBERT-style ranking and fitness by the lexical embedder's cosine to the original. Each
 * question gets its own PRNG stream (seed, line), so results do not depend on file order.
 */
import type {WordNetDatabase} from '../io/wordnet-database.js'
import type {UqQuestion} from '../io/questions.js'
import {runGaap, type GaapOptions} from '../kernels/gaap.js'
import {hashedTfidfVectors} from '../kernels/hashed-tfidf.js'
import {keyTokenIndices} from '../kernels/key-tokens.js'
import {createXoshiro128} from '../../../core/random/xoshiro128.js'

export interface PerturbOptions extends GaapOptions {
  readonly keyRatio: number
  readonly seed: number
}

export interface PerturbSummary {
  items: number
  perturbed: number
  /** Questions without a usable key token (left without perturbations). */
  noCandidates: string[]
  /** Questions with fewer distinct GAAP outputs than asked (completed by seeded duplication). */
  duplicated: number
  stoppedBy: {generations: number; similarity: number}
  meanGenerations: number
}

/** Words (letters/digits with inner ' ’ _ -) and single punctuation marks. */
export function tokenizeQuestion(text: string): string[] {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’_-]*|[^\s\p{L}\p{N}]/gu) ?? []
}

/** Tokens back to text: deleted tokens dropped, no space before closing punctuation, WordNet underscores as spaces. */
export function renderTokens(tokens: readonly string[]): string {
  return tokens
    .filter((t) => t.length > 0)
    .join(' ')
    .replace(/ ([?.!,;:)\]}])/g, '$1')
    .replace(/([([{]) /g, '$1')
    .replace(/_/g, ' ')
}

function lexicalSimilarity(a: string, b: string): number {
  const [u, v] = hashedTfidfVectors([a, b])
  let dot = 0
  for (const [k, x] of u) dot += x * (v.get(k) ?? 0)
  return Math.min(1, Math.max(0, dot))
}

export function perturbQuestion(q: UqQuestion, o: PerturbOptions, wordnet: WordNetDatabase | null) {
  const tokens = tokenizeQuestion(q.question)
  const words = tokens.filter((t) => /[\p{L}\p{N}]/u.test(t))
  const wordPositions = tokens.flatMap((t, i) => (/[\p{L}\p{N}]/u.test(t) ? [i] : []))
  const keys = keyTokenIndices(words, o.keyRatio).map((i) => wordPositions[i])
  const subs = new Map<number, string[]>()
  const substitutes = (k: number): string[] => {
    let s = subs.get(k)
    if (!s) {
      const rel = wordnet?.relations(tokens[k])
      const words = rel ? [...rel.synonyms, ...rel.hypernyms, ...rel.hyponyms] : []
      s = [...new Set(words.filter((w) => w.toLowerCase() !== tokens[k].toLowerCase())), '']
      subs.set(k, s)
    }
    return s
  }
  const original = renderTokens(tokens)
  const memo = new Map<string, number>()
  const fitness = (text: string) => {
    let f = memo.get(text)
    if (f === undefined) memo.set(text, (f = lexicalSimilarity(original, text)))
    return f
  }
  return runGaap({tokens, keys, substitutes, fitness, render: renderTokens}, o, createXoshiro128(o.seed, q.line))
}

/** The output line of one question and the running summary. */
export function perturbAll(
  questions: readonly UqQuestion[],
  o: PerturbOptions,
  wordnet: WordNetDatabase | null,
): {lines: string[]; summary: PerturbSummary} {
  const s: PerturbSummary = {
    items: 0,
    perturbed: 0,
    noCandidates: [],
    duplicated: 0,
    stoppedBy: {generations: 0, similarity: 0},
    meanGenerations: 0,
  }
  const lines = questions.map((q) => {
    const r = perturbQuestion(q, o, wordnet)
    s.items++
    const {line: _line, perturbations: _old, perturbationKind: _kind, ...rest} = q
    if (r.stoppedBy === 'no-candidates') {
      s.noCandidates.push(q.id)
      return JSON.stringify({schema: 'inv-entropy-questions/v1', ...rest})
    }
    s.perturbed++
    s.stoppedBy[r.stoppedBy]++
    s.meanGenerations += r.generations
    if (r.distinct < o.count) s.duplicated++
    return JSON.stringify({
      schema: 'inv-entropy-questions/v1',
      ...rest,
      perturbations: r.perturbations,
      perturbationKind: wordnet ? 'gaap' : 'gaap-deletion',
    })
  })
  if (s.perturbed > 0) s.meanGenerations /= s.perturbed
  return {lines, summary: s}
}
