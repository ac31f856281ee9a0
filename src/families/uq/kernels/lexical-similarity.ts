/**
 * LexSim baseline (Fomicheva et al. 2020, lm-polygraph `LexicalSimilarity` with ROUGE-L):
 * −mean over pairs i<j of the ROUGE-L F-measure (Lin 2004) between responses. Tokens as in the
 * rouge-score package: lower-cased, runs of characters outside [a-z0-9] are separators; no
 * Porter stemming here (documented difference). Null for fewer than 2 responses.
 */

/** rouge-score style tokens. */
export function rougeTokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((t) => t.length > 0)
}

/** Length of the longest common subsequence (O(|a|·|b|) dynamic programme, one row). */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  const row = new Int32Array(b.length + 1)
  for (let i = 1; i <= a.length; i++) {
    let prev = 0
    for (let j = 1; j <= b.length; j++) {
      const keep = row[j]
      row[j] = a[i - 1] === b[j - 1] ? prev + 1 : Math.max(row[j], row[j - 1])
      prev = keep
    }
  }
  return row[b.length]
}

/** ROUGE-L F1 of two token lists (0 when either is empty or nothing is shared). */
export function rougeLF(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0
  const lcs = lcsLength(a, b)
  if (lcs === 0) return 0
  const p = lcs / a.length
  const r = lcs / b.length
  return (2 * p * r) / (p + r)
}

export function lexicalSimilarityUncertainty(texts: readonly string[]): number | null {
  if (texts.length < 2) return null
  const tokens = texts.map(rougeTokens)
  let s = 0
  let n = 0
  for (let i = 0; i < tokens.length; i++) {
    for (let j = i + 1; j < tokens.length; j++) {
      s += rougeLF(tokens[i], tokens[j])
      n++
    }
  }
  return -s / n
}
