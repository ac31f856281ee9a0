/**
 * The one BLAS-3 kernel of the TypeScript solver: a rank-k update written as dot products,
 * C[i, j] += sign · Σ_t X[i, t] Y[j, t], with X and Y row-major panels (row r starts at
 * r·ld + t0), either on the upper triangle only (symmetric C) or on a rectangle. It serves the
 * Gram matrix (X = Y = A or a transposed chunk of it: DSYRK), the trailing update of the
 * blocked tridiagonalisation (X = [V W], Y = [W V]: DSYR2K) and of the blocked
 * bidiagonalisation (X = [U X], Y = [Y V]: two DGEMMs). Dot form keeps the 2 x 4 block of sums in registers, so
 * each multiply-add costs ¾ of a load and no store (typed-array loops have no SIMD; loads are the limit).
 * The j range is tiled so the Y rows of a tile stay in L2 while the X rows stream past
 * (Goto & van de Geijn 2008, doi:10.1145/1356052.1356053).
 * When C, X and Y live in a WebAssembly memory (simd-kernels.ts) and len is even, the same
 * tiling runs 2-row strips through the f64x2 kernel `dot_strip` instead (2 x 4 blocks).
 */
import {type SimdKernels, simdKernelsFor} from './simd-kernels.js'

/** Rows of Y per tile: 128 rows of up to 256 doubles = 256 KiB, inside a 512 KiB–1 MiB L2. */
const J_TILE = 128

/**
 * For from ≤ i ≤ j < to: c[i·ldc + j] += sign · Σ_{t<len} x[i·ld + t0 + t] · y[j·ld + t0 + t].
 * Entries below the diagonal are never written. Blocks of 3 rows x 4 columns: 12 sums in
 * registers, 7 loads per 12 multiply-adds (measured fastest among 2x2…4x4 in V8).
 */
export function symmetricRankUpdate(
  c: Float64Array,
  ldc: number,
  from: number,
  to: number,
  x: Float64Array,
  y: Float64Array,
  ld: number,
  t0: number,
  len: number,
  sign: number,
): void {
  const simd = len > 0 && len % 2 === 0 ? simdKernelsFor(c, x, y) : undefined
  if (simd) return simdRankUpdate(simd, c, ldc, from, to, from, to, true, x, y, ld, t0, len, sign)
  for (let jt = from; jt < to; jt += J_TILE) {
    const jEnd = Math.min(to, jt + J_TILE)
    for (let i = from; i < jEnd; i += 3) {
      const rowsHere = Math.min(3, to - i)
      let j = i > jt ? i : jt
      for (; j + 3 < jEnd; j += 4) block3x4(c, i * ldc + j, ldc, i, j, rowsHere, true, x, y, ld, t0, len, sign)
      for (; j < jEnd; j++) block3x1(c, i * ldc + j, ldc, i, j, rowsHere, true, x, y, ld, t0, len, sign)
    }
  }
}

/** For iFrom ≤ i < iTo, jFrom ≤ j < jTo: c[i·ldc + j] += sign · Σ_{t<len} x[i·ld + t0 + t] · y[j·ld + t0 + t]. */
export function rankUpdate(
  c: Float64Array,
  ldc: number,
  iFrom: number,
  iTo: number,
  jFrom: number,
  jTo: number,
  x: Float64Array,
  y: Float64Array,
  ld: number,
  t0: number,
  len: number,
  sign: number,
): void {
  const simd = len > 0 && len % 2 === 0 ? simdKernelsFor(c, x, y) : undefined
  if (simd) return simdRankUpdate(simd, c, ldc, iFrom, iTo, jFrom, jTo, false, x, y, ld, t0, len, sign)
  for (let jt = jFrom; jt < jTo; jt += J_TILE) {
    const jEnd = Math.min(jTo, jt + J_TILE)
    for (let i = iFrom; i < iTo; i += 3) {
      const rowsHere = Math.min(3, iTo - i)
      let j = jt
      for (; j + 3 < jEnd; j += 4) block3x4(c, i * ldc + j, ldc, i, j, rowsHere, false, x, y, ld, t0, len, sign)
      for (; j < jEnd; j++) block3x1(c, i * ldc + j, ldc, i, j, rowsHere, false, x, y, ld, t0, len, sign)
    }
  }
}

/**
 * Both updates through the wasm kernel, one call per 2-row strip of a J_TILE tile (byte
 * addresses); with `upper`, strips start at the diagonal and skip the entry below it.
 */
function simdRankUpdate(
  simd: SimdKernels,
  c: Float64Array,
  ldc: number,
  iFrom: number,
  iTo: number,
  jFrom: number,
  jTo: number,
  upper: boolean,
  x: Float64Array,
  y: Float64Array,
  ld: number,
  t0: number,
  len: number,
  sign: number,
): void {
  for (let jt = jFrom; jt < jTo; jt += J_TILE) {
    const jEnd = Math.min(jTo, jt + J_TILE)
    const iEnd = upper ? jEnd : iTo
    for (let i = iFrom; i < iEnd; i += 2) {
      const rows = Math.min(2, iTo - i)
      const j = upper && i > jt ? i : jt
      const x0 = x.byteOffset + 8 * (i * ld + t0)
      const x1 = rows > 1 ? x0 + 8 * ld : x0
      const skip = upper && i >= jt ? 1 : 0
      simd.dot_strip(
        c.byteOffset + 8 * (i * ldc + j),
        8 * ldc,
        x0,
        x1,
        rows,
        y.byteOffset + 8 * (j * ld + t0),
        8 * ld,
        jEnd - j,
        8 * len,
        sign,
        skip,
      )
    }
  }
}

/**
 * Rows i..i+rows-1 of X (rows ≤ 3) against rows j..j+3 of Y, added at c[c0 + r·ldc + q];
 * with `upper`, entries below the diagonal (j + q < i + r) are skipped.
 */
function block3x4(
  c: Float64Array,
  c0: number,
  ldc: number,
  i: number,
  j: number,
  rows: number,
  upper: boolean,
  x: Float64Array,
  y: Float64Array,
  ld: number,
  t0: number,
  len: number,
  sign: number,
): void {
  const x0 = i * ld + t0
  const x1 = rows > 1 ? x0 + ld : x0
  const x2 = rows > 2 ? x1 + ld : x0
  const y0 = j * ld + t0
  const y1 = y0 + ld
  const y2 = y1 + ld
  const y3 = y2 + ld
  let s00 = 0
  let s01 = 0
  let s02 = 0
  let s03 = 0
  let s10 = 0
  let s11 = 0
  let s12 = 0
  let s13 = 0
  let s20 = 0
  let s21 = 0
  let s22 = 0
  let s23 = 0
  for (let t = 0; t < len; t++) {
    const a = x[x0 + t]
    const b = x[x1 + t]
    const e = x[x2 + t]
    const p = y[y0 + t]
    s00 += a * p
    s10 += b * p
    s20 += e * p
    const q = y[y1 + t]
    s01 += a * q
    s11 += b * q
    s21 += e * q
    const r = y[y2 + t]
    s02 += a * r
    s12 += b * r
    s22 += e * r
    const s = y[y3 + t]
    s03 += a * s
    s13 += b * s
    s23 += e * s
  }
  c[c0] += sign * s00
  c[c0 + 1] += sign * s01
  c[c0 + 2] += sign * s02
  c[c0 + 3] += sign * s03
  if (rows < 2) return
  const c1 = c0 + ldc
  if (!upper || j >= i + 1) c[c1] += sign * s10
  c[c1 + 1] += sign * s11
  c[c1 + 2] += sign * s12
  c[c1 + 3] += sign * s13
  if (rows < 3) return
  const c2 = c1 + ldc
  if (!upper || j >= i + 2) c[c2] += sign * s20
  if (!upper || j + 1 >= i + 2) c[c2 + 1] += sign * s21
  c[c2 + 2] += sign * s22
  c[c2 + 3] += sign * s23
}

function block3x1(
  c: Float64Array,
  c0: number,
  ldc: number,
  i: number,
  j: number,
  rows: number,
  upper: boolean,
  x: Float64Array,
  y: Float64Array,
  ld: number,
  t0: number,
  len: number,
  sign: number,
): void {
  const x0 = i * ld + t0
  const x1 = rows > 1 ? x0 + ld : x0
  const x2 = rows > 2 ? x1 + ld : x0
  const y0 = j * ld + t0
  let s0 = 0
  let s1 = 0
  let s2 = 0
  for (let t = 0; t < len; t++) {
    const p = y[y0 + t]
    s0 += x[x0 + t] * p
    s1 += x[x1 + t] * p
    s2 += x[x2 + t] * p
  }
  c[c0] += sign * s0
  if (rows > 1 && (!upper || j >= i + 1)) c[c0 + ldc] += sign * s1
  if (rows > 2 && (!upper || j >= i + 2)) c[c0 + 2 * ldc] += sign * s2
}
