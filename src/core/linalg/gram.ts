/**
 * The smaller Gram matrix of a row-major matrix, accumulated in float64 (DSYRK).
 *
 * Both orientations become dot products of rows: AAᵀ (cols > rows) directly, AᵀA
 * (cols ≤ rows) after transposing a chunk of KC rows at a time. Each chunk is copied to a
 * float64 panel (which also converts float32 input) and fed to the register-blocked
 * symmetric rank-k kernel (rank-update.ts); chunking the summation index keeps a
 * tile of panel rows in cache while the rest stream past (Goto & van de Geijn 2008,
 * doi:10.1145/1356052.1356053). The lower triangle is mirrored at the end. The panel rows have
 * an even stride (an odd last chunk gets a zero column) and G and the panel share one
 * WebAssembly memory, so the kernel's SIMD path applies (simd-kernels.ts).
 */
import {symmetricRankUpdate} from './rank-update.js'
import {allocateFloat64, simdKernelsFor} from './simd-kernels.js'

/** Summation chunk: a panel row of KC doubles is 2 KiB. */
const KC = 256

/** Returns the full symmetric n x n Gram matrix, n = min(rows, cols). Never mutates `a`. */
export function gramMatrix(
  a: Float64Array | Float32Array,
  rows: number,
  cols: number,
  out?: Float64Array,
): Float64Array {
  const n = Math.min(rows, cols)
  const sums = Math.max(rows, cols)
  const [g, panel] = allocateFloat64(n * n, n * (Math.min(KC, sums) + 1))
  for (let k0 = 0; k0 < sums; k0 += KC) {
    const len = Math.min(KC, sums - k0)
    const ld = len + (len % 2)
    if (cols <= rows) copyTransposed(a, n, k0, len, ld, panel)
    else copyColumns(a, cols, n, k0, len, ld, panel)
    symmetricRankUpdate(g, n, 0, n, panel, panel, ld, 0, ld, 1)
  }
  mirrorUpper(g, n)
  if (out !== undefined) return copyInto(out, g, a, n)
  // a copy out of the WebAssembly memory: an ordinary array, transferable between threads
  return simdKernelsFor(g) ? g.slice() : g
}

/** `g` (n×n) written into the caller's `out`, which must hold n·n values and lie apart from `a` (as the addon requires). */
function copyInto(out: Float64Array, g: Float64Array, a: Float64Array | Float32Array, n: number): Float64Array {
  if (out.length < n * n) throw new RangeError('gram: out is shorter than n*n')
  const o0 = out.byteOffset
  const a0 = a.byteOffset
  if (out.buffer === a.buffer && o0 < a0 + a.byteLength && a0 < o0 + n * n * 8)
    throw new RangeError('gram: out overlaps the input')
  out.set(g.subarray(0, n * n))
  return out
}

/** panel[i·ld + t] = a[(k0 + t)·n + i]: rows k0..k0+len of A (n columns), transposed; zeros in t ∈ [len, ld). */
function copyTransposed(
  a: Float64Array | Float32Array,
  n: number,
  k0: number,
  len: number,
  ld: number,
  panel: Float64Array,
): void {
  for (let t = 0; t < len; t++) {
    const r = (k0 + t) * n
    for (let i = 0; i < n; i++) panel[i * ld + t] = a[r + i]
  }
  for (let t = len; t < ld; t++) for (let i = 0; i < n; i++) panel[i * ld + t] = 0
}

/** panel[i·ld + t] = a[i·cols + k0 + t]: columns k0..k0+len of the n rows of A; zeros in t ∈ [len, ld). */
function copyColumns(
  a: Float64Array | Float32Array,
  cols: number,
  n: number,
  k0: number,
  len: number,
  ld: number,
  panel: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    const r = i * cols + k0
    const o = i * ld
    for (let t = 0; t < len; t++) panel[o + t] = a[r + t]
    for (let t = len; t < ld; t++) panel[o + t] = 0
  }
}

/** Copies the upper triangle into the lower one. */
function mirrorUpper(g: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) for (let j = 0; j < i; j++) g[i * n + j] = g[j * n + i]
}
