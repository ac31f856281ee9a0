/**
 * Verlet neighbour list with a skin (Verlet 1967; Allen & Tildesley, "Computer Simulation of
 * Liquids", §5.3): for every fish i the partners j > i within r_a + skin, in ascending j, built
 * with the periodic cell grid (cells wider than r_a + skin, 27-cell stencil) and reused until
 * some fish has moved half the skin.
 */
import {CellGrid} from './cell-grid.js'
import type {MinimumImage} from './minimum-image.js'

export class VerletList {
  readonly grid: CellGrid
  readonly skin: number
  /** partners of fish i: partners[start[i] .. start[i+1]), ascending, all > i */
  readonly start: Int32Array
  partners: Int32Array
  /** number of builds so far (diagnostics and tests) */
  builds = 0
  private readonly n: number
  private readonly cutoffSq: number
  /** rebuild once 2·(max displacement) reaches this (the skin less a rounding margin) */
  private readonly limit: number
  private readonly reference: Float64Array
  private readonly row: Int32Array
  private readonly stencil: Int32Array
  private built = false

  /**
   * A list for radius `radius` in a box of side L, or null when the box holds fewer than three
   * cells of width `radius` per side (then the step uses all pairs). The skin is reduced so that
   * three cells of width radius + skin still fit; a skin of 0 rebuilds every step.
   */
  static create(n: number, boxSize: number, radius: number, skin: number): VerletList | null {
    if (CellGrid.forRadius(boxSize, radius, 1) === null) return null
    let s = Math.max(0, skin)
    while (s > 0 && CellGrid.forRadius(boxSize, radius + s, 1) === null) s = s > 1e-3 * radius ? s / 2 : 0
    return new VerletList(n, CellGrid.forRadius(boxSize, radius + s, n)!, radius, s)
  }

  private constructor(n: number, grid: CellGrid, radius: number, skin: number) {
    this.n = n
    this.grid = grid
    this.skin = skin
    const cutoff = radius + skin
    // Loosened by 1e-12 relative so that rounding in d² can never drop a pair within the cutoff.
    this.cutoffSq = cutoff * cutoff * (1 + 1e-12)
    // Displacements are computed with a few ulps of error: keep a margin far above it.
    this.limit = skin - 1e-9 * cutoff
    this.start = new Int32Array(n + 1)
    this.partners = new Int32Array(Math.max(16, n * 8))
    this.reference = new Float64Array(3 * n)
    this.row = new Int32Array(n)
    this.stencil = new Int32Array(grid.stencilSize)
  }

  /** Rebuilds the list when it may have gone stale (or was never built). */
  update(pos: Float64Array, image: MinimumImage): void {
    if (!this.built || 2 * this.maxDisplacement(pos, image) >= this.limit) this.build(pos, image)
  }

  /** Largest minimum-image displacement of any fish since the last build. */
  private maxDisplacement(pos: Float64Array, image: MinimumImage): number {
    const ref = this.reference
    const L = image.L, T = image.threshold
    let max2 = 0
    for (let k = 0; k < 3 * this.n; k += 3) {
      let dx = pos[k] - ref[k], dy = pos[k + 1] - ref[k + 1], dz = pos[k + 2] - ref[k + 2]
      dx = dx > T ? dx - L : dx < -T ? dx + L : dx
      dy = dy > T ? dy - L : dy < -T ? dy + L : dy
      dz = dz > T ? dz - L : dz < -T ? dz + L : dz
      const d2 = dx * dx + dy * dy + dz * dz
      if (d2 > max2) max2 = d2
    }
    return Math.sqrt(max2)
  }

  private build(pos: Float64Array, image: MinimumImage): void {
    const n = this.n
    this.grid.build(pos, n)
    let total = 0
    for (let i = 0; i < n; i++) {
      this.start[i] = total
      const count = this.gatherLater(i, pos, image)
      if (total + count > this.partners.length) this.grow(total + count)
      const partners = this.partners, row = this.row
      for (let k = 0; k < count; k++) partners[total + k] = row[k]
      total += count
    }
    this.start[n] = total
    this.reference.set(pos.subarray(0, 3 * n))
    this.built = true
    this.builds++
  }

  /** Doubles the partner buffer (only at a build, when the school has become denser). */
  private grow(needed: number): void {
    const next = new Int32Array(Math.max(needed, 2 * this.partners.length))
    next.set(this.partners)
    this.partners = next
  }

  /** Partners j > i of fish i within the cutoff, ascending, into `row`; returns their count. */
  private gatherLater(i: number, pos: Float64Array, image: MinimumImage): number {
    const grid = this.grid
    const list = this.row
    const cells = this.stencil
    const {cellStart, items, x, y, z} = grid
    grid.stencilOf(i, cells)
    const L = image.L, T = image.threshold, cut = this.cutoffSq
    const xi = pos[3 * i], yi = pos[3 * i + 1], zi = pos[3 * i + 2]
    let kept = 0
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c]
      // Items of a cell ascend: scan from the top down to the first j <= i.
      for (let k = cellStart[cell + 1] - 1, first = cellStart[cell]; k >= first; k--) {
        const j = items[k]
        if (j <= i) break
        let dx = x[k] - xi, dy = y[k] - yi, dz = z[k] - zi
        dx = dx > T ? dx - L : dx < -T ? dx + L : dx
        dy = dy > T ? dy - L : dy < -T ? dy + L : dy
        dz = dz > T ? dz - L : dz < -T ? dz + L : dz
        if (dx * dx + dy * dy + dz * dz <= cut) list[kept++] = j
      }
    }
    sortAscending(list, kept)
    return kept
  }
}

/** Insertion sort for short rows, the typed-array sort (one view object) for long ones. */
function sortAscending(a: Int32Array, count: number): void {
  if (count > 48) {
    a.subarray(0, count).sort()
    return
  }
  for (let k = 1; k < count; k++) {
    const v = a[k]
    let m = k - 1
    while (m >= 0 && a[m] > v) {
      a[m + 1] = a[m]
      m--
    }
    a[m + 1] = v
  }
}
