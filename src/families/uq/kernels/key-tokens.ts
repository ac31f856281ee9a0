/**
 * KeyBERT-style key-token choice for GAAP (Inv-Entropy paper App. C; Grootendorst 2020,
 * KeyBERT): candidate words are ranked by the similarity of their embedding to the whole
 * sentence's, and the top q = max(1, ⌊ratio·p⌋) (p = words in the question) are kept. Here the
 * embedding is the built-in lexical one (hashed word + character n-gram TF-IDF), so the ranking
 * favours content words that share much of the sentence's surface form; stopwords and
 * one-letter tokens are never candidates. Ties are broken by position (earlier first).
 */
import {hashedTfidfVectors} from './hashed-tfidf.js'
import {englishStopwords} from './stopwords.js'

/** Indices (ascending) of the key tokens among `words`. */
export function keyTokenIndices(words: readonly string[], ratio: number): number[] {
  const candidates = words
    .map((w, i) => ({w: w.toLowerCase(), i}))
    .filter((c) => /[\p{L}\p{N}]{2,}/u.test(c.w) && !englishStopwords.has(c.w))
  if (candidates.length === 0) return []
  const sentence = words.join(' ')
  const vectors = hashedTfidfVectors([sentence, ...candidates.map((c) => c.w)])
  const s = vectors[0]
  const scored = candidates.map((c, k) => {
    let dot = 0
    for (const [b, x] of vectors[k + 1]) dot += x * (s.get(b) ?? 0)
    return {i: c.i, score: dot}
  })
  scored.sort((a, b) => b.score - a.score || a.i - b.i)
  const q = Math.min(candidates.length, Math.max(1, Math.floor(ratio * words.length)))
  return scored
    .slice(0, q)
    .map((x) => x.i)
    .sort((a, b) => a - b)
}
