/**
 * The smaller Gram matrix of a row-major matrix, accumulated in float64.
 *
 * AᵀA (cols <= rows) is a sum of rank-1 updates, one per row of A; we apply four rows at a
 * time to a tile of the output's upper triangle so each tile stays in cache while rows
 * stream past (a register-blocked DSYRK, cf. Goto & van de Geijn 2008,
 * doi:10.1145/1356052.1356053). AAᵀ (cols > rows) is a table of row dot products, done
 * in 2x2 blocks with independent accumulators. The lower triangle is mirrored at the end.
 */

const TILE = 96

/** Returns the full symmetric n x n Gram matrix, n = min(rows, cols). Never mutates `a`. */
export function gramMatrix(a: Float64Array | Float32Array, rows: number, cols: number): Float64Array {
  const g = cols <= rows ? gramOfColumns(a, rows, cols) : gramOfRows(a, rows, cols)
  mirrorUpper(g, Math.min(rows, cols))
  return g
}

/** Upper triangle of AᵀA (n = cols). */
function gramOfColumns(a: Float64Array | Float32Array, rows: number, n: number): Float64Array {
  const g = new Float64Array(n * n)
  for (let i0 = 0; i0 < n; i0 += TILE) {
    const i1 = Math.min(n, i0 + TILE)
    for (let j0 = i0; j0 < n; j0 += TILE) {
      const j1 = Math.min(n, j0 + TILE)
      let r = 0
      for (; r + 4 <= rows; r += 4) rank4Tile(a, g, n, r * n, i0, i1, j0, j1)
      for (; r < rows; r++) rank1Tile(a, g, n, r * n, i0, i1, j0, j1)
    }
  }
  return g
}

/** g[i, j] += Σ_{t<4} a[r+t, i] a[r+t, j] over the tile's upper part. */
function rank4Tile(a: Float64Array | Float32Array, g: Float64Array, n: number, off: number, i0: number, i1: number, j0: number, j1: number): void {
  const o1 = off + n
  const o2 = o1 + n
  const o3 = o2 + n
  for (let i = i0; i < i1; i++) {
    const x0 = a[off + i]
    const x1 = a[o1 + i]
    const x2 = a[o2 + i]
    const x3 = a[o3 + i]
    const gi = i * n
    for (let j = Math.max(j0, i); j < j1; j++) {
      g[gi + j] += x0 * a[off + j] + x1 * a[o1 + j] + x2 * a[o2 + j] + x3 * a[o3 + j]
    }
  }
}

function rank1Tile(a: Float64Array | Float32Array, g: Float64Array, n: number, off: number, i0: number, i1: number, j0: number, j1: number): void {
  for (let i = i0; i < i1; i++) {
    const x = a[off + i]
    if (x === 0) continue
    const gi = i * n
    for (let j = Math.max(j0, i); j < j1; j++) g[gi + j] += x * a[off + j]
  }
}

/** Upper triangle of AAᵀ (n = rows): dot products of rows, 2x2 blocked, k split into cache-sized chunks. */
function gramOfRows(a: Float64Array | Float32Array, n: number, cols: number): Float64Array {
  const g = new Float64Array(n * n)
  const kChunk = 2048
  for (let k0 = 0; k0 < cols; k0 += kChunk) {
    const k1 = Math.min(cols, k0 + kChunk)
    for (let i = 0; i < n; i += 2) {
      const i2 = i + 1 < n
      for (let j = i; j < n; j += 2) {
        const j2 = j + 1 < n
        if (i2 && j2) dot2x2(a, g, n, cols, i, j, k0, k1)
        else {
          g[i * n + j] += dotRows(a, cols, i, j, k0, k1)
          if (j2) g[i * n + j + 1] += dotRows(a, cols, i, j + 1, k0, k1)
          if (i2 && j >= i + 1) g[(i + 1) * n + j] += dotRows(a, cols, i + 1, j, k0, k1)
        }
      }
    }
  }
  return g
}

function dot2x2(a: Float64Array | Float32Array, g: Float64Array, n: number, cols: number, i: number, j: number, k0: number, k1: number): void {
  const ri = i * cols
  const rk = ri + cols
  const rj = j * cols
  const rl = rj + cols
  let s00 = 0
  let s01 = 0
  let s10 = 0
  let s11 = 0
  for (let k = k0; k < k1; k++) {
    const x0 = a[ri + k]
    const x1 = a[rk + k]
    const y0 = a[rj + k]
    const y1 = a[rl + k]
    s00 += x0 * y0
    s01 += x0 * y1
    s10 += x1 * y0
    s11 += x1 * y1
  }
  g[i * n + j] += s00
  g[i * n + j + 1] += s01
  // (i+1, j) lies on or above the diagonal only when j >= i + 1
  if (j >= i + 1) g[(i + 1) * n + j] += s10
  g[(i + 1) * n + j + 1] += s11
}

function dotRows(a: Float64Array | Float32Array, cols: number, i: number, j: number, k0: number, k1: number): number {
  const ri = i * cols
  const rj = j * cols
  let s = 0
  for (let k = k0; k < k1; k++) s += a[ri + k] * a[rj + k]
  return s
}

/** Copies the upper triangle into the lower one. */
function mirrorUpper(g: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) for (let j = 0; j < i; j++) g[i * n + j] = g[j * n + i]
}
