/**
 * Both similarity matrices of a run (inputs m×m, responses M×M) from one Gram matrix of all its
 * embeddings, taken in document order: input 0, its responses, input 1, its responses, … (m + M rows).
 * The fast JSONL read (core/io/json-number-arrays) leaves all arrays of a line in one buffer in that
 * order, and the .npy side-car reads consecutive rows into one buffer, so the rows usually lie back to
 * back already: the Gram routine then reads them where they are (one view, no copy). Otherwise they are
 * packed into a reused buffer first. Why one Gram, not two: at 10 inputs × 5 responses × 128-d the copy
 * into the Gram input cost as much as the response Gram itself, and each addon call has a fixed cost;
 * the input·response cross products the joint Gram also forms are 38 % more multiply-adds, which cost
 * less than the copy and the second call they save.
 *
 * The cosines are those of ./similarity-matrix.ts' raw-Gram path: cos(a, b) = G_ab/(|a|·|b|) with
 * |a| = √G_aa, clamped to [-1, 1], diagonal 1, zero vectors 0. The joint Gram is a different BLAS call
 * from the two separate ones, so a cosine may differ from theirs by an ulp or two (the tests hold both
 * to a left-to-right cosine within 8 ulps of 1). Undefined (the caller then takes the per-side path)
 * when some vector is missing or of another length, when m + M ≥ dim (the Gram routine would return
 * the dim×dim AᵀA), or when a squared norm lies outside the range the raw Gram can be scaled in.
 */
import {chooseEigensolver} from '../../../core/linalg/index.js'
import {SAFE_MAX_SQUARED_NORM, SAFE_MIN_SQUARED_NORM, type SimilarityKind} from './similarity-matrix.js'

/** The embedded side of a run this kernel reads (the io layer's UqRun satisfies it). */
export interface EmbeddedRun {
  readonly inputs: readonly {
    readonly embedding?: ArrayLike<number>
    readonly responses: readonly {readonly embedding?: ArrayLike<number>}[]
  }[]
}

/** Where the matrices go; both are written in full (m×m and M×M, row-major). */
export interface JointSimilarityOutput {
  readonly inputSimilarity: Float64Array
  readonly responseSimilarity: Float64Array
}

/** A buffer kept between runs for rows that are not back to back (grown as needed, never shrunk). */
export interface PackBuffer {
  rows: Float64Array
}

/** Rows in document order (m + M of them) and their common length, or undefined when some is missing or differs. */
function rowCount(run: EmbeddedRun, dim: number): number | undefined {
  let n = 0
  for (const x of run.inputs) {
    if (x.embedding?.length !== dim) return undefined
    n++
    for (const y of x.responses) {
      if (y.embedding?.length !== dim) return undefined
      n++
    }
  }
  return n
}

/**
 * The n rows as one row-major block: a view of the buffer they already share when each starts where
 * the previous one ends, else a packed copy in `pack`. Exported for the tests (which path a reader's run takes).
 */
export function rowBlock(run: EmbeddedRun, n: number, dim: number, pack: PackBuffer): Float64Array {
  const first = run.inputs[0].embedding!
  if (first instanceof Float64Array) {
    let next = first.byteOffset
    let together = true
    for (const x of run.inputs) {
      together &&= sameRow(x.embedding!, first.buffer, next)
      next += dim * 8
      for (const y of x.responses) {
        together &&= sameRow(y.embedding!, first.buffer, next)
        next += dim * 8
      }
      if (!together) break
    }
    if (together) return new Float64Array(first.buffer, first.byteOffset, n * dim)
  }
  if (pack.rows.length < n * dim) pack.rows = new Float64Array(n * dim)
  const out = pack.rows
  let off = 0
  const put = (v: ArrayLike<number>): void => {
    if (v instanceof Float64Array) out.set(v, off)
    else for (let k = 0; k < dim; k++) out[off + k] = v[k]
    off += dim
  }
  for (const x of run.inputs) {
    put(x.embedding!)
    for (const y of x.responses) put(y.embedding!)
  }
  return out.subarray(0, n * dim)
}

function sameRow(v: ArrayLike<number>, buffer: ArrayBufferLike, byteOffset: number): boolean {
  return v instanceof Float64Array && v.buffer === buffer && v.byteOffset === byteOffset
}

/** 1/|row| for every row from the Gram's diagonal (0 for a zero row); false when a norm is out of the safe range. */
function inverseNorms(g: Float64Array, n: number, out: Float64Array): boolean {
  for (let i = 0; i < n; i++) {
    const sq = g[i * n + i]
    if (sq === 0) {
      out[i] = 0 // a zero vector: every cosine with it is 0
      continue
    }
    if (!(sq >= SAFE_MIN_SQUARED_NORM && sq <= SAFE_MAX_SQUARED_NORM)) return false
    out[i] = 1 / Math.sqrt(sq)
  }
  return true
}

/**
 * Writes the similarities among the rows listed in `index` (k of them) into `s` (k×k): the cosine
 * from the joint Gram `g` (n×n), clamped, mapped to `kind`; diagonal 1.
 */
function gatherSimilarity(
  g: Float64Array,
  n: number,
  inverseNorm: Float64Array,
  index: Int32Array,
  k: number,
  shifted: boolean,
  s: Float64Array,
): void {
  for (let a = 0; a < k; a++) {
    const ia = index[a]
    const ra = inverseNorm[ia]
    const rowG = ia * n
    const rowS = a * k
    for (let b = 0; b < k; b++) {
      const ib = index[b]
      // ra·rb is one product whichever way round, so s stays exactly symmetric
      const c = g[rowG + ib] * (ra * inverseNorm[ib])
      const clamped = c > 1 ? 1 : c < -1 ? -1 : c
      s[rowS + b] = shifted ? (1 + clamped) / 2 : Math.abs(clamped)
    }
    s[rowS + a] = 1
  }
}

/** Scratch of one thread's scorer: row indices and norms sized to the largest run seen. */
export interface JointSimilarityScratch extends PackBuffer {
  inputRows: Int32Array
  responseRows: Int32Array
  inverseNorm: Float64Array
}

export function createJointSimilarityScratch(): JointSimilarityScratch {
  return {
    rows: new Float64Array(0),
    inputRows: new Int32Array(0),
    responseRows: new Int32Array(0),
    inverseNorm: new Float64Array(0),
  }
}

/** Positions of the input rows and response rows in document order. */
function splitRows(run: EmbeddedRun, n: number, scratch: JointSimilarityScratch): void {
  if (scratch.inverseNorm.length < n) {
    scratch.inverseNorm = new Float64Array(n)
    scratch.inputRows = new Int32Array(n)
    scratch.responseRows = new Int32Array(n)
  }
  let row = 0
  let r = 0
  for (let i = 0; i < run.inputs.length; i++) {
    scratch.inputRows[i] = row++
    for (let k = 0; k < run.inputs[i].responses.length; k++) scratch.responseRows[r++] = row++
  }
}

/**
 * Fills `out` with the input and response similarities of `run` from one Gram of its embeddings
 * (see the file header). Returns false, leaving `out` in an unspecified state, when this path does
 * not apply; the caller then builds each side on its own.
 */
export function jointEmbeddingSimilarities(
  run: EmbeddedRun,
  kind: SimilarityKind,
  out: JointSimilarityOutput,
  scratch: JointSimilarityScratch,
): boolean {
  const dim = run.inputs[0]?.embedding?.length ?? 0
  const n = rowCount(run, dim)
  if (n === undefined || n >= dim) return false
  const g = chooseEigensolver('auto').gram(rowBlock(run, n, dim, scratch), n, dim)
  splitRows(run, n, scratch)
  if (!inverseNorms(g, n, scratch.inverseNorm)) return false
  const m = run.inputs.length
  const shifted = kind === 'shifted-cos'
  gatherSimilarity(g, n, scratch.inverseNorm, scratch.inputRows, m, shifted, out.inputSimilarity)
  gatherSimilarity(g, n, scratch.inverseNorm, scratch.responseRows, n - m, shifted, out.responseSimilarity)
  return true
}
