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

/**
 * One pass over the run's vectors: counts the rows (m + M, in document order), records which are inputs
 * and which responses in `scratch`, and checks that each lies right after the previous one in the
 * first's buffer. Undefined when some vector is missing or not of length `dim`.
 */
function scanRows(
  run: EmbeddedRun,
  dim: number,
  scratch: JointSimilarityScratch,
): {n: number; inPlace: boolean} | undefined {
  if (run.inputs.length === 0) return undefined
  const first = run.inputs[0].embedding
  const buffer = first instanceof Float64Array ? first.buffer : undefined
  let next = buffer === undefined ? -1 : (first as Float64Array).byteOffset
  const rowBytes = dim * 8
  let n = 0
  let r = 0
  for (let i = 0; i < run.inputs.length; i++) {
    const x = run.inputs[i]
    const responses = x.responses
    if (scratch.inverseNorm.length < n + 1 + responses.length) growRows(scratch, 2 * (n + 1 + responses.length))
    if (x.embedding?.length !== dim) return undefined
    if (next >= 0) next = followingRow(x.embedding, buffer!, next, rowBytes)
    scratch.inputRows[i] = n++
    for (let k = 0; k < responses.length; k++) {
      const v = responses[k].embedding
      if (v?.length !== dim) return undefined
      if (next >= 0) next = followingRow(v, buffer!, next, rowBytes)
      scratch.responseRows[r++] = n++
    }
  }
  return {n, inPlace: next >= 0}
}

/** Byte offset where the row after `v` starts if `v` starts at `byteOffset` of `buffer`, else −1. */
function followingRow(v: ArrayLike<number>, buffer: ArrayBufferLike, byteOffset: number, rowBytes: number): number {
  return v instanceof Float64Array && v.byteOffset === byteOffset && v.buffer === buffer ? byteOffset + rowBytes : -1
}

function growRows(scratch: JointSimilarityScratch, rows: number): void {
  const inputRows = new Int32Array(rows)
  const responseRows = new Int32Array(rows)
  inputRows.set(scratch.inputRows)
  responseRows.set(scratch.responseRows)
  scratch.inputRows = inputRows
  scratch.responseRows = responseRows
  scratch.inverseNorm = new Float64Array(rows)
}

/**
 * The n rows as one row-major block: a view of the buffer they already share when `inPlace` (each
 * starts where the previous one ends), else a packed copy in `pack`.
 */
function rowBlock(run: EmbeddedRun, n: number, dim: number, inPlace: boolean, pack: PackBuffer): Float64Array {
  if (inPlace) {
    const first = run.inputs[0].embedding as Float64Array
    return new Float64Array(first.buffer, first.byteOffset, n * dim)
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

/**
 * The Gram input for `run` as jointEmbeddingSimilarities builds it: a view of the reader's buffer or a
 * packed copy in `pack` (undefined when the joint path does not apply). For the tests: which path a
 * reader's run takes.
 */
export function embeddingRowBlock(run: EmbeddedRun, pack: PackBuffer): Float64Array | undefined {
  const dim = run.inputs[0]?.embedding?.length ?? 0
  const scratch = {...createJointSimilarityScratch(), rows: pack.rows}
  const scan = scanRows(run, dim, scratch)
  if (scan === undefined) return undefined
  const block = rowBlock(run, scan.n, dim, scan.inPlace, scratch)
  pack.rows = scratch.rows
  return block
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
  // the upper triangle, written to both halves: g is exactly symmetric and ra·rb is one product
  // whichever way round, so this is the matrix computed entry by entry, in half the work
  for (let a = 0; a < k; a++) {
    const ia = index[a]
    const ra = inverseNorm[ia]
    const rowG = ia * n
    s[a * k + a] = 1
    for (let b = a + 1; b < k; b++) {
      const ib = index[b]
      const c = g[rowG + ib] * (ra * inverseNorm[ib])
      const clamped = c > 1 ? 1 : c < -1 ? -1 : c
      const v = shifted ? (1 + clamped) / 2 : Math.abs(clamped)
      s[a * k + b] = v
      s[b * k + a] = v
    }
  }
}

/** Scratch of one thread's scorer: row indices and norms sized to the largest run seen. */
export interface JointSimilarityScratch extends PackBuffer {
  /** The joint Gram (n×n), written by the solver in place of a new array per run. */
  gram: Float64Array
  inputRows: Int32Array
  responseRows: Int32Array
  inverseNorm: Float64Array
}

export function createJointSimilarityScratch(): JointSimilarityScratch {
  return {
    rows: new Float64Array(0),
    gram: new Float64Array(0),
    inputRows: new Int32Array(0),
    responseRows: new Int32Array(0),
    inverseNorm: new Float64Array(0),
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
  const scan = scanRows(run, dim, scratch)
  if (scan === undefined || scan.n >= dim) return false
  const n = scan.n
  if (scratch.gram.length !== n * n) scratch.gram = new Float64Array(n * n)
  const g = chooseEigensolver('auto').gram(rowBlock(run, n, dim, scan.inPlace, scratch), n, dim, scratch.gram)
  if (!inverseNorms(g, n, scratch.inverseNorm)) return false
  const m = run.inputs.length
  const shifted = kind === 'shifted-cos'
  gatherSimilarity(g, n, scratch.inverseNorm, scratch.inputRows, m, shifted, out.inputSimilarity)
  gatherSimilarity(g, n, scratch.inverseNorm, scratch.responseRows, n - m, shifted, out.responseSimilarity)
  return true
}
