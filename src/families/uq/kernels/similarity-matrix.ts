/**
 * Pairwise similarity of embedding vectors, the ψ ("a_Similarity") of Inv-Entropy
 * (Song et al., NeurIPS 2025, arXiv 2506.09684, Sec. 2 and 3).
 *
 * - `abs-cos`: |cos(a, b)|, what the released code (`evaluate.py`) and the `inventropy` package use (default).
 * - `shifted-cos`: (1 + cos(a, b)) / 2, what the paper's text states for SBERT.
 * The diagonal is 1 (self-similarity). A zero vector has no direction: its cosine with any other
 * vector is taken as 0 (so abs-cos 0, shifted-cos 0.5), never NaN. Cosines are clamped to [-1, 1]
 * against rounding. Output is a row-major n×n Float64Array, symmetric by construction.
 * Two ways to the cosines: for n < dim the Gram matrix of the raw vectors scaled by their norms (one
 * BLAS call, the usual path), otherwise, or for vectors too large or small to square safely, the
 * vectors normalised first and then dotted.
 */
import {chooseEigensolver, gram} from '../../../core/linalg/index.js'

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
 * Dot products of every pair of rows of `unit` (n rows of `dim`), TypeScript: four columns per
 * pass over row i, each dot product summed in k order. Used when n ≥ dim, where core's Gram
 * routine would return the dim×dim AᵀA instead.
 */
function rowDotProducts(unit: Float64Array, n: number, dim: number): Float64Array {
  const g = new Float64Array(n * n)
  const put = (i: number, j: number, dot: number): void => {
    g[i * n + j] = dot
    g[j * n + i] = dot
  }
  for (let i = 0; i < n; i++) {
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
  return g
}

/**
 * n×n similarity matrix of row-normalised vectors `unit` (n rows of `dim`), diagonal 1. The
 * cosines are the Gram matrix U·Uᵀ, from core/linalg (native BLAS DSYRK when the addon is loaded,
 * else the WebAssembly SIMD kernel) when n < dim: 50 responses × 768-d is one call, not 1,225
 * separate dot products. Blocked summation rounds differently from a left-to-right dot product,
 * by a few ulps of each cosine.
 */
export function similarityFromUnitRows(unit: Float64Array, n: number, dim: number, kind: SimilarityKind): Float64Array {
  const s = n < dim ? gram(unit, n, dim).g : rowDotProducts(unit, n, dim)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) s[i * n + j] = i === j ? 1 : similarityFromCosine(s[i * n + j], kind)
  }
  return s
}

/** The rows packed row-major into one array (the Gram routine's input). */
function packRows(vectors: readonly ArrayLike<number>[], dim: number): Float64Array {
  const out = new Float64Array(vectors.length * dim)
  for (let i = 0; i < vectors.length; i++) {
    const v = vectors[i]
    if (v instanceof Float64Array && v.length === dim) out.set(v, i * dim)
    else for (let k = 0; k < dim; k++) out[i * dim + k] = v[k]
  }
  return out
}

/**
 * Squared norms inside which the raw Gram is safe to scale: no square of an entry has overflowed, and
 * underflowed squares (below 2^-1074) are negligible against the sum. Outside it (or NaN/Inf) the
 * rows are normalised first, as before, so extreme vectors give exactly the old results.
 */
export const SAFE_MIN_SQUARED_NORM = 1e-250
export const SAFE_MAX_SQUARED_NORM = 1e250

/**
 * Cosines from the Gram matrix of the raw rows, scaled afterwards: cos(a, b) = G_ab / (|a|·|b|) with
 * |a| = √G_aa. One pass over the vectors (the copy into the Gram input) instead of three
 * (normalise, finiteness check, copy); the scaling rounds differently from dotting unit vectors, by
 * a few ulps of each cosine (tested against a left-to-right cosine to 8 ulps of 1). Undefined when
 * some squared norm lies outside the safe range (non-finite included) or n ≥ dim.
 */
function similarityFromRawGram(
  vectors: readonly ArrayLike<number>[],
  dim: number,
  kind: SimilarityKind,
): Float64Array | undefined {
  const n = vectors.length
  if (n >= dim) return undefined
  const g = chooseEigensolver('auto').gram(packRows(vectors, dim), n, dim)
  const inverseNorm = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const sq = g[i * n + i]
    if (sq === 0) continue // a zero vector: every cosine with it is 0
    if (!(sq >= SAFE_MIN_SQUARED_NORM && sq <= SAFE_MAX_SQUARED_NORM)) return undefined
    inverseNorm[i] = 1 / Math.sqrt(sq)
  }
  const shifted = kind === 'shifted-cos'
  for (let i = 0; i < n; i++) {
    const ri = inverseNorm[i]
    const off = i * n
    for (let j = 0; j < n; j++) {
      // ri·rj is one product whichever way round, so the matrix stays exactly symmetric; clamp as similarityFromCosine
      const c = g[off + j] * (ri * inverseNorm[j])
      const clamped = c > 1 ? 1 : c < -1 ? -1 : c
      g[off + j] = shifted ? (1 + clamped) / 2 : Math.abs(clamped)
    }
    g[off + i] = 1
  }
  return g
}

/** Similarity matrix straight from raw embedding vectors (all of length `dim`). */
export function similarityMatrix(
  vectors: readonly ArrayLike<number>[],
  dim: number,
  kind: SimilarityKind,
): Float64Array {
  return (
    similarityFromRawGram(vectors, dim, kind) ??
    similarityFromUnitRows(normalizeRows(vectors, dim), vectors.length, dim, kind)
  )
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
