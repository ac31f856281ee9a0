/**
 * Pairwise similarity of embedding vectors, the ψ ("a_Similarity") of Inv-Entropy
 * (Song et al., NeurIPS 2025, arXiv 2506.09684, Sec. 2 and 3).
 *
 * - `abs-cos`: |cos(a, b)|, what the released code (`evaluate.py`) and the `inventropy` package use (default).
 * - `shifted-cos`: (1 + cos(a, b)) / 2, what the paper's text states for SBERT.
 * The diagonal is 1 (self-similarity). A zero vector has no direction: its cosine with any other
 * vector is taken as 0 (so abs-cos 0, shifted-cos 0.5), never NaN. Cosines are clamped to [-1, 1]
 * against rounding. Output is a row-major n×n Float64Array, symmetric by construction.
 */
export type SimilarityKind = 'abs-cos' | 'shifted-cos'

/** Unit-length copies of the rows (zero rows stay zero), packed row-major. */
export function normalizeRows(vectors: readonly ArrayLike<number>[], dim: number): Float64Array {
  const out = new Float64Array(vectors.length * dim)
  for (let i = 0; i < vectors.length; i++) {
    const v = vectors[i]
    let ss = 0
    for (let k = 0; k < dim; k++) ss += v[k] * v[k]
    if (ss === 0) continue
    const inv = 1 / Math.sqrt(ss)
    const off = i * dim
    for (let k = 0; k < dim; k++) out[off + k] = v[k] * inv
  }
  return out
}

/** Maps a cosine to a similarity of the chosen kind. */
export function similarityFromCosine(cos: number, kind: SimilarityKind): number {
  const c = cos > 1 ? 1 : cos < -1 ? -1 : cos
  return kind === 'abs-cos' ? Math.abs(c) : (1 + c) / 2
}

/**
 * n×n similarity matrix of row-normalised vectors `unit` (n rows of `dim`), diagonal 1. Four
 * columns per pass over row i (each dot product still summed in k order, so the values are those
 * of one dot at a time) read row i once per four columns instead of once per column.
 */
export function similarityFromUnitRows(unit: Float64Array, n: number, dim: number, kind: SimilarityKind): Float64Array {
  const s = new Float64Array(n * n)
  const put = (i: number, j: number, dot: number): void => {
    const v = similarityFromCosine(dot, kind)
    s[i * n + j] = v
    s[j * n + i] = v
  }
  for (let i = 0; i < n; i++) {
    s[i * n + i] = 1
    const oi = i * dim
    let j = i + 1
    for (; j + 3 < n; j += 4) {
      const o0 = j * dim
      const o1 = o0 + dim
      const o2 = o1 + dim
      const o3 = o2 + dim
      let d0 = 0
      let d1 = 0
      let d2 = 0
      let d3 = 0
      for (let k = 0; k < dim; k++) {
        const a = unit[oi + k]
        d0 += a * unit[o0 + k]
        d1 += a * unit[o1 + k]
        d2 += a * unit[o2 + k]
        d3 += a * unit[o3 + k]
      }
      put(i, j, d0)
      put(i, j + 1, d1)
      put(i, j + 2, d2)
      put(i, j + 3, d3)
    }
    for (; j < n; j++) {
      const oj = j * dim
      let dot = 0
      for (let k = 0; k < dim; k++) dot += unit[oi + k] * unit[oj + k]
      put(i, j, dot)
    }
  }
  return s
}

/** Similarity matrix straight from raw embedding vectors (all of length `dim`). */
export function similarityMatrix(
  vectors: readonly ArrayLike<number>[],
  dim: number,
  kind: SimilarityKind,
): Float64Array {
  return similarityFromUnitRows(normalizeRows(vectors, dim), vectors.length, dim, kind)
}

/**
 * A user-supplied similarity matrix (e.g. symmetrised NLI entailment probabilities) made usable:
 * negative entries clamped to 0, optionally symmetrised as (S + Sᵀ)/2, diagonal forced to 1 (spec §2.6).
 */
export function cleanPrecomputedSimilarity(rows: readonly ArrayLike<number>[], symmetrize: boolean): Float64Array {
  const n = rows.length
  const s = new Float64Array(n * n)
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s[i * n + j] = Math.max(0, rows[i][j])
  if (symmetrize) {
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const v = (s[i * n + j] + s[j * n + i]) / 2
        s[i * n + j] = v
        s[j * n + i] = v
      }
    }
  }
  for (let i = 0; i < n; i++) s[i * n + i] = 1
  return s
}
