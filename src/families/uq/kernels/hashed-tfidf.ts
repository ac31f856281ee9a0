/**
 * The built-in offline "lexical" embedder (spec §3.1, option 4): feature-hashed TF-IDF over
 * lower-cased word unigrams and bigrams plus character 3–5-grams of the padded text, 2¹⁸
 * buckets (FNV-1a 32-bit hash), sublinear tf (1 + ln tf), smoothed idf ln((1+N)/(1+df)) + 1
 * over the texts being compared (sklearn's TfidfVectorizer(smooth_idf=True) convention),
 * L2-normalised. No weights, deterministic, but it sees words, not meaning: paraphrases with new
 * words look dissimilar. Results made with it are labelled "lexical".
 */
import {similarityFromCosine, type SimilarityKind} from './similarity-matrix.js'

const buckets = 1 << 18

/** FNV-1a over UTF-16 code units, 32-bit. */
export function fnv1a32(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h >>> 0
}

/** Raw hashed term counts of one text. */
export function hashedTermCounts(text: string): Map<number, number> {
  const counts = new Map<number, number>()
  const add = (feature: string) => {
    const b = fnv1a32(feature) % buckets
    counts.set(b, (counts.get(b) ?? 0) + 1)
  }
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
  for (let i = 0; i < words.length; i++) {
    add(`w:${words[i]}`)
    if (i + 1 < words.length) add(`b:${words[i]} ${words[i + 1]}`)
  }
  const padded = ` ${words.join(' ')} `
  for (let n = 3; n <= 5; n++) for (let i = 0; i + n <= padded.length; i++) add(`c:${padded.slice(i, i + n)}`)
  return counts
}

/** Sparse L2-normalised TF-IDF vectors of `texts` (idf over these texts). */
export function hashedTfidfVectors(texts: readonly string[]): Map<number, number>[] {
  const counts = texts.map(hashedTermCounts)
  const df = new Map<number, number>()
  for (const c of counts) for (const b of c.keys()) df.set(b, (df.get(b) ?? 0) + 1)
  const n = texts.length
  return counts.map((c) => {
    const v = new Map<number, number>()
    let ss = 0
    for (const [b, tf] of c) {
      const w = (1 + Math.log(tf)) * (Math.log((1 + n) / (1 + df.get(b)!)) + 1)
      v.set(b, w)
      ss += w * w
    }
    const inv = ss > 0 ? 1 / Math.sqrt(ss) : 0
    for (const [b, w] of v) v.set(b, w * inv)
    return v
  })
}

/** n×n similarity matrix of `texts` under the lexical embedder, diagonal 1. */
export function lexicalSimilarityMatrix(texts: readonly string[], kind: SimilarityKind): Float64Array {
  const v = hashedTfidfVectors(texts)
  const n = texts.length
  const s = new Float64Array(n * n)
  for (let i = 0; i < n; i++) {
    s[i * n + i] = 1
    for (let j = i + 1; j < n; j++) {
      const [small, large] = v[i].size <= v[j].size ? [v[i], v[j]] : [v[j], v[i]]
      let dot = 0
      for (const [b, w] of small) dot += w * (large.get(b) ?? 0)
      const x = similarityFromCosine(dot, kind)
      s[i * n + j] = x
      s[j * n + i] = x
    }
  }
  return s
}
