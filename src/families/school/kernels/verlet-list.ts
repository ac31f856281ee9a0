/**
 * Verlet neighbour list with a skin (Verlet 1967; Allen & Tildesley, "Computer Simulation of
 * Liquids", §5.3): for every fish i the partners j > i within r_a + skin, in ascending j, built
 * with the periodic cell grid (cells wider than r_a + skin, 27-cell stencil) and reused until
 * some fish has moved half the skin.
 *
 * A list may cover only the rows of a fish range [lo, hi) (one worker thread's share of the
 * step): each row then also holds the partners j < lo in front of the partners j > i, so that
 * the worker can sum those first, as the one-thread order requires (`couzin-step.ts`). With
 * lo = 0 and hi = N this is the plain half list.
 */
import {CellGrid} from './cell-grid.js'
import type {MinimumImage} from './minimum-image.js'

export class VerletList {
  readonly grid: CellGrid
  readonly skin: number
  /** first fish of the covered range */
  readonly lo: number
  /** one past the last fish of the covered range */
  readonly hi: number
  /**
   * Row of fish i (lo <= i < hi): partners[start[i] .. start[i+1]), ascending; the partners
   * j < lo come first, then from upper[i] on the partners j > i, from far[i] on those j >= hi.
   */
  readonly start: Int32Array
  readonly upper: Int32Array
  readonly far: Int32Array
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
  static create(n: number, boxSize: number, radius: number, skin: number, lo = 0, hi = n): VerletList | null {
    if (CellGrid.forRadius(boxSize, radius, 1) === null) return null
    let s = Math.max(0, skin)
    while (s > 0 && CellGrid.forRadius(boxSize, radius + s, 1) === null) s = s > 1e-3 * radius ? s / 2 : 0
    return new VerletList(n, CellGrid.forRadius(boxSize, radius + s, n)!, radius, s, lo, hi)
  }

  private constructor(n: number, grid: CellGrid, radius: number, skin: number, lo: number, hi: number) {
    this.n = n
    this.lo = lo
    this.hi = hi
    this.grid = grid
    this.skin = skin
    const cutoff = radius + skin
    // Loosened by 1e-12 relative so that rounding in d² can never drop a pair within the cutoff.
    this.cutoffSq = cutoff * cutoff * (1 + 1e-12)
    // Displacements are computed with a few ulps of error: keep a margin far above it.
    this.limit = skin - 1e-9 * cutoff
    this.start = new Int32Array(n + 1)
    this.upper = new Int32Array(n)
    this.far = new Int32Array(n)
    this.partners = new Int32Array(Math.max(16, (hi - lo) * 8))
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
    const L = image.L,
      T = image.threshold
    let max2 = 0
    for (let k = 0; k < 3 * this.n; k += 3) {
      let dx = pos[k] - ref[k],
        dy = pos[k + 1] - ref[k + 1],
        dz = pos[k + 2] - ref[k + 2]
      dx = dx > T ? dx - L : dx < -T ? dx + L : dx
      dy = dy > T ? dy - L : dy < -T ? dy + L : dy
      dz = dz > T ? dz - L : dz < -T ? dz + L : dz
      const d2 = dx * dx + dy * dy + dz * dz
      if (d2 > max2) max2 = d2
    }
    return Math.sqrt(max2)
  }

  private build(pos: Float64Array, image: MinimumImage): void {
    const {n, lo, hi} = this
    this.grid.build(pos, n)
    let total = 0
    for (let i = lo; i < hi; i++) {
      this.start[i] = total
      this.grid.stencilOf(i, this.stencil)
      const lower = lo > 0 ? this.gatherEarlier(i, pos, image) : 0
      const count = lower + this.gatherLater(i, pos, image, lower)
      if (total + count > this.partners.length) this.grow(total + count)
      const partners = this.partners,
        row = this.row
      let far = count
      while (far > lower && row[far - 1] >= hi) far--
      for (let k = 0; k < count; k++) partners[total + k] = row[k]
      this.upper[i] = total + lower
      this.far[i] = total + far
      total += count
    }
    this.start[hi] = total
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

  /**
   * Partners j > i of fish i within the cutoff (searched in the stencil cells already written
   * into `stencil`), ascending, into `row` from `offset` on; returns their count.
   */
  private gatherLater(i: number, pos: Float64Array, image: MinimumImage, offset = 0): number {
    const grid = this.grid
    const list = this.row
    const cells = this.stencil
    const {cellStart, items, x, y, z} = grid
    const L = image.L,
      T = image.threshold,
      cut = this.cutoffSq
    const xi = pos[3 * i],
      yi = pos[3 * i + 1],
      zi = pos[3 * i + 2]
    let kept = offset
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c]
      // Items of a cell ascend: scan from the top down to the first j <= i.
      for (let k = cellStart[cell + 1] - 1, first = cellStart[cell]; k >= first; k--) {
        const j = items[k]
        if (j <= i) break
        let dx = x[k] - xi,
          dy = y[k] - yi,
          dz = z[k] - zi
        dx = dx > T ? dx - L : dx < -T ? dx + L : dx
        dy = dy > T ? dy - L : dy < -T ? dy + L : dy
        dz = dz > T ? dz - L : dz < -T ? dz + L : dz
        if (dx * dx + dy * dy + dz * dz <= cut) list[kept++] = j
      }
    }
    sortAscending(list, offset, kept)
    return kept - offset
  }

  /** Partners j < lo of fish i within the cutoff (stencil as above), ascending, into the start of `row`; returns their count. */
  private gatherEarlier(i: number, pos: Float64Array, image: MinimumImage): number {
    const grid = this.grid
    const list = this.row
    const cells = this.stencil
    const {cellStart, items, x, y, z} = grid
    const L = image.L,
      T = image.threshold,
      cut = this.cutoffSq,
      lo = this.lo
    const xi = pos[3 * i],
      yi = pos[3 * i + 1],
      zi = pos[3 * i + 2]
    let kept = 0
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c]
      // Items of a cell ascend: scan from the bottom up to the first j >= lo.
      for (let k = cellStart[cell], last = cellStart[cell + 1]; k < last; k++) {
        const j = items[k]
        if (j >= lo) break
        let dx = x[k] - xi,
          dy = y[k] - yi,
          dz = z[k] - zi
        dx = dx > T ? dx - L : dx < -T ? dx + L : dx
        dy = dy > T ? dy - L : dy < -T ? dy + L : dy
        dz = dz > T ? dz - L : dz < -T ? dz + L : dz
        if (dx * dx + dy * dy + dz * dz <= cut) list[kept++] = j
      }
    }
    sortAscending(list, 0, kept)
    return kept
  }
}

/** Sorts a[from .. to): insertion sort for short rows, the typed-array sort (one view object) for long ones. */
function sortAscending(a: Int32Array, from: number, to: number): void {
  if (to - from > 48) {
    a.subarray(from, to).sort()
    return
  }
  for (let k = from + 1; k < to; k++) {
    const v = a[k]
    let m = k - 1
    while (m >= from && a[m] > v) {
      a[m + 1] = a[m]
      m--
    }
    a[m + 1] = v
  }
}
