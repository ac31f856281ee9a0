/**
 * Longer than 250 lines on purpose: one step of the zone model, with the naive and cell-grid neighbour loops
 * inlined for speed (bit-identical results are tested).
 *
 * One synchronous step of dewi-kadita's 3-D Couzin zone model with the semantics of its NumPy
 * path (`_update_velocities_numpy`; spec school.md §2.2): minimum-image offsets, strict zone
 * radii, rear blind cone, repulsion priority, turn limit by normalised linear interpolation,
 * additive Gaussian noise on the unit heading, v = v0·n, x = mod(x + v·dt, L).
 *
 * Every pair is accumulated in ascending neighbour index, as NumPy's masked sums do, so the
 * grid search (used when the box holds >= 3 cells of width r_a per side: a Verlet list built on
 * a cell grid, `verlet-list.ts`) gives bit-identical results to the all-pairs loop. No
 * allocation per step.
 */
import {MinimumImage} from './minimum-image.js'
import type {SchoolState} from './initial-state.js'
import type {NumpyRandomState} from '../../../core/random/numpy-mt19937.js'
import type {SchoolParameters} from './school-parameters.js'
import {VerletList} from './verlet-list.js'
import {createPairSums, type PairSums} from './wasm-pair-sums.js'

export type NeighbourSearch = 'auto' | 'all-pairs' | 'grid'

/**
 * Who sums the pairs in all-pairs mode: 'wasm' the SIMD kernel (`wasm-pair-sums.ts`) when it
 * loads, 'typescript' the loop below. Both give bit-identical sums (tested); only speed differs.
 */
export type PairKernel = 'wasm' | 'typescript'

/**
 * Both the SIMD kernel and the TypeScript loop evaluate each pair once, feeding both fish. The
 * kernel is 1.7× faster at 100 fish, 2.3× at 250 and 3× from 1,000 on (bench/school/pair-rate.ts,
 * whole steps); below about 100 fish the call and copy overheads leave little to gain.
 */
export const WASM_PAIRS_MIN_FISH = 100

/** Fish lo … hi−1: the share of one worker thread (`threaded-couzin-step.ts`). */
export interface FishRange {
  readonly lo: number
  readonly hi: number
}

/** Per-fish zone sums, 3 components each: repulsion, orientation, attraction. */
const R = 0,
  O = 3,
  A = 6,
  SUMS = 9

export class CouzinStepper {
  readonly n: number
  /** the fish this stepper advances: all (one thread) or one worker's range */
  readonly lo: number
  readonly hi: number
  /** 'grid' or 'all-pairs', as chosen for this box and radius */
  readonly search: 'grid' | 'all-pairs'
  private readonly p: SchoolParameters
  private readonly unit: Float64Array
  private readonly noise: Float64Array
  private readonly sums: Float64Array
  private readonly counts: Int32Array
  /** grid mode: partners j > i within r_a + skin (null: all pairs) */
  readonly verlet: VerletList | null
  private readonly image: MinimumImage
  private readonly cosThreshold: number
  private readonly raSafe: number
  /** all-pairs mode with the SIMD kernel: it owns unit, sums and counts (null: the TypeScript loop) */
  private readonly simd: PairSums | null
  /** the pair loop that runs: 'wasm' only in all-pairs mode with the kernel loaded */
  readonly pairKernel: PairKernel

  /**
   * `skin` (grid mode) defaults to max(0.15·r_a, 10·v0·dt): the list then serves about five
   * steps or more (it is rebuilt once some fish has moved skin/2). `range` (default: all fish)
   * restricts `sumZones` and `advance` to one worker's fish.
   */
  constructor(
    p: SchoolParameters,
    search: NeighbourSearch = 'auto',
    skin?: number,
    range?: FishRange,
    pairKernel: PairKernel = 'wasm',
  ) {
    this.p = p
    this.n = p.n_fish
    this.lo = range?.lo ?? 0
    this.hi = range?.hi ?? this.n
    if (!(this.lo >= 0 && this.lo <= this.hi && this.hi <= this.n))
      throw new RangeError(`bad fish range [${this.lo}, ${this.hi}) for ${this.n} fish`)
    this.noise = new Float64Array(3 * this.n)
    const s = defaultSkin(p, skin)
    const verlet =
      search === 'all-pairs' ? null : VerletList.create(this.n, p.box_size, p.r_attraction, s, this.lo, this.hi)
    if (search === 'grid' && verlet === null) throw new RangeError('grid search needs box_size >= 3·r_attraction')
    this.verlet = verlet
    this.search = verlet === null ? 'all-pairs' : 'grid'
    this.image = new MinimumImage(p.box_size)
    this.cosThreshold = -Math.cos(p.blind_angle * (Math.PI / 180))
    // Squared-distance prefilter, loosened so that sqrt(d²) < r_a decides exactly as upstream.
    this.raSafe = p.r_attraction * p.r_attraction * (1 + 1e-12)
    // The kernel relies on r_r > 0 (it lets each fish meet itself at distance 0 and undoes that repulsion count).
    const simdFits =
      this.search === 'all-pairs' && pairKernel === 'wasm' && p.r_repulsion > 0 && this.n >= WASM_PAIRS_MIN_FISH
    this.simd = (simdFits && this.createSimd()) || null
    this.pairKernel = this.simd ? 'wasm' : 'typescript'
    this.unit = this.simd?.unit ?? new Float64Array(3 * this.n)
    this.sums = this.simd?.sums ?? new Float64Array(SUMS * this.n)
    this.counts = this.simd?.counts ?? new Int32Array(3 * this.n)
  }

  private createSimd(): PairSums | undefined {
    const p = this.p
    return createPairSums(this.n, {
      L: this.image.L,
      threshold: this.image.threshold,
      rRepulsion: p.r_repulsion,
      rOrientation: p.r_orientation,
      rAttraction: p.r_attraction,
      raSafe: this.raSafe,
      cosThreshold: this.cosThreshold,
      blind: p.blind_angle > 0,
    })
  }

  /** Advances `state` one step in place, drawing 3·N normals (fish order) when noise > 0. */
  step(state: SchoolState, rng: NumpyRandomState): void {
    if (this.p.noise > 0) rng.fillRandn(this.noise)
    this.stepWithNoise(state, this.noise)
  }

  /**
   * Advances one step with pre-drawn standard normals (N×3, used only when noise > 0). With a
   * fish range only that range moves: a worker uses `sumZones` and `advance` instead.
   */
  stepWithNoise(state: SchoolState, normals: Float64Array): void {
    const {positions: pos, velocities: vel} = state
    this.sumZones(pos, vel)
    this.advance(normals, pos, pos, vel)
  }

  /**
   * First half of a step: the zone sums of fish lo … hi−1 from all positions and velocities.
   *
   * Each unordered pair is evaluated once and feeds both fish: the offset, distance and unit
   * vector seen from j are exact negations of those seen from i (IEEE subtraction, the image
   * rule and division are sign-symmetric), so nothing is rounded differently. Pairs are visited
   * with i ascending and j > i ascending, so every fish receives its neighbours' terms in
   * ascending neighbour index (j < i from earlier rows, then j > i), the order of the
   * one-sided loop and of NumPy's masked sums.
   *
   * A worker's range [lo, hi) keeps that order: it first sums, one-sided, each of its fish's
   * partners j < lo (evaluated from i's side, the exact negation of what row j would compute),
   * then visits its rows, feeding both fish while j < hi and only fish i for j >= hi (another
   * worker sums those from j's side). The pairs straddling two ranges are thus evaluated twice,
   * once per worker; each fish's terms arrive in the same order as with one thread.
   */
  sumZones(pos: Float64Array, vel: Float64Array): void {
    const {lo, hi, n} = this
    unitHeadings(vel, n, this.unit)
    if (this.simd) {
      // one-sided rows over all neighbours, in the kernel's memory (no range bookkeeping needed)
      this.simd.positions.set(pos)
      this.simd.run(lo, hi)
      return
    }
    this.sums.fill(0, SUMS * lo, SUMS * hi)
    this.counts.fill(0, 3 * lo, 3 * hi)
    const verlet = this.verlet
    if (verlet === null) {
      if (lo > 0) for (let i = lo; i < hi; i++) this.accumulatePairs(i, pos, null, 0, 0, lo)
      for (let i = lo; i < hi; i++) this.accumulatePairs(i, pos, null, i + 1, hi, n)
      return
    }
    verlet.update(pos, this.image)
    const {partners, start, upper, far} = verlet
    if (lo > 0) for (let i = lo; i < hi; i++) this.accumulatePairs(i, pos, partners, start[i], start[i], upper[i])
    for (let i = lo; i < hi; i++) this.accumulatePairs(i, pos, partners, upper[i], far[i], start[i + 1])
  }

  /**
   * Second half of a step for fish lo … hi−1 (after `sumZones`): turn, noise, v = v0·n into
   * `velOut`, x = mod(x + v·dt, L) from `posIn` into `posOut` (the same arrays with one thread).
   */
  advance(normals: Float64Array, posIn: Float64Array, posOut: Float64Array, velOut: Float64Array): void {
    const {dt, box_size: L} = this.p
    for (let i = this.lo; i < this.hi; i++) {
      this.turn(i, normals, velOut)
      for (let k = 3 * i; k < 3 * i + 3; k++) {
        const x = posIn[k] + velOut[k] * dt
        if (x > 0 && x < L) {
          posOut[k] = x // fmod(x, L) = x here
        } else {
          let r = x % L
          if (r < 0) r += L
          else if (r === 0) r = 0
          posOut[k] = r
        }
      }
    }
  }

  /**
   * Zone sums of the pairs (i, j) for the partners j of fish i: j = from … to−1 in all-pairs
   * mode (`list` null), list[from … to−1] in grid mode (a Verlet row). Partners before `split`
   * feed both fish, the rest only fish i. i's sums are kept in registers, j's in memory.
   */
  private accumulatePairs(
    i: number,
    pos: Float64Array,
    list: Int32Array | null,
    from: number,
    split: number,
    to: number,
  ): void {
    const p = this.p
    const unit = this.unit
    const sums = this.sums
    const counts = this.counts
    const L = this.image.L,
      T = this.image.threshold
    const rr = p.r_repulsion,
      ro = p.r_orientation,
      ra = p.r_attraction
    const blind = p.blind_angle > 0
    const cosThr = this.cosThreshold
    const raSafe = this.raSafe
    const o = 3 * i
    const cx = unit[o],
      cy = unit[o + 1],
      cz = unit[o + 2]
    const xi = pos[o],
      yi = pos[o + 1],
      zi = pos[o + 2]
    const s = SUMS * i
    let rx = sums[s + R],
      ry = sums[s + R + 1],
      rz = sums[s + R + 2]
    let ox = sums[s + O],
      oy = sums[s + O + 1],
      oz = sums[s + O + 2]
    let ax = sums[s + A],
      ay = sums[s + A + 1],
      az = sums[s + A + 2]
    let nR = 0,
      nO = 0,
      nA = 0
    for (let k = from; k < to; k++) {
      const j = list === null ? k : list[k]
      const oj = 3 * j
      let dx = pos[oj] - xi,
        dy = pos[oj + 1] - yi,
        dz = pos[oj + 2] - zi
      dx = dx > T ? dx - L : dx < -T ? dx + L : dx
      dy = dy > T ? dy - L : dy < -T ? dy + L : dy
      dz = dz > T ? dz - L : dz < -T ? dz + L : dz
      const d2 = dx * dx + dy * dy + dz * dz
      if (d2 > raSafe) continue
      const dist = Math.sqrt(d2)
      if (!(dist < ra)) continue
      // NumPy path: a coincident neighbour (dist < 1e-10) is kept with du = d.
      const div = dist < 1e-10 ? 1 : dist
      const ux = dx / div,
        uy = dy / div,
        uz = dz / div
      // i sees j along +u; j sees i along −u, whose dot product is exactly −(c_j·u).
      const seenByI = !blind || cx * ux + cy * uy + cz * uz > cosThr
      const seenByJ = k < split && (!blind || -(unit[oj] * ux + unit[oj + 1] * uy + unit[oj + 2] * uz) > cosThr)
      const sj = SUMS * j
      if (dist < rr) {
        if (seenByI) {
          rx -= ux
          ry -= uy
          rz -= uz
          nR++
        }
        if (seenByJ) {
          sums[sj + R] += ux
          sums[sj + R + 1] += uy
          sums[sj + R + 2] += uz
          counts[3 * j]++
        }
      } else if (dist < ro) {
        if (seenByI) {
          ox += unit[oj]
          oy += unit[oj + 1]
          oz += unit[oj + 2]
          nO++
        }
        if (seenByJ) {
          sums[sj + O] += cx
          sums[sj + O + 1] += cy
          sums[sj + O + 2] += cz
          counts[3 * j + 1]++
        }
      } else {
        if (seenByI) {
          ax += ux
          ay += uy
          az += uz
          nA++
        }
        if (seenByJ) {
          sums[sj + A] -= ux
          sums[sj + A + 1] -= uy
          sums[sj + A + 2] -= uz
          counts[3 * j + 2]++
        }
      }
    }
    sums[s + R] = rx
    sums[s + R + 1] = ry
    sums[s + R + 2] = rz
    sums[s + O] = ox
    sums[s + O + 1] = oy
    sums[s + O + 2] = oz
    sums[s + A] = ax
    sums[s + A + 1] = ay
    sums[s + A + 2] = az
    counts[o] += nR
    counts[o + 1] += nO
    counts[o + 2] += nA
  }

  /** Target direction from the zone sums, turn limit (NLERP), noise, new velocity of fish i. */
  private turn(i: number, normals: Float64Array, out: Float64Array): void {
    const p = this.p
    const o = 3 * i
    const s = SUMS * i
    const sums = this.sums
    const cx = this.unit[o],
      cy = this.unit[o + 1],
      cz = this.unit[o + 2]
    const nR = this.counts[o],
      nO = this.counts[o + 1],
      nA = this.counts[o + 2]
    let tx = cx,
      ty = cy,
      tz = cz
    if (nR > 0) {
      const rx = sums[s + R],
        ry = sums[s + R + 1],
        rz = sums[s + R + 2]
      const m = Math.sqrt(rx * rx + ry * ry + rz * rz)
      if (m > 1e-10) {
        tx = rx / m
        ty = ry / m
        tz = rz / m
      }
    } else if (nO > 0 || nA > 0) {
      const w = p.orientation_weight
      const sx = (nO > 0 ? sums[s + O] * w : 0) + sums[s + A]
      const sy = (nO > 0 ? sums[s + O + 1] * w : 0) + sums[s + A + 1]
      const sz = (nO > 0 ? sums[s + O + 2] * w : 0) + sums[s + A + 2]
      const m = Math.sqrt(sx * sx + sy * sy + sz * sz)
      if (m > 1e-10) {
        tx = sx / m
        ty = sy / m
        tz = sz / m
      }
    }
    let dot = cx * tx + cy * ty + cz * tz
    dot = dot < -1 ? -1 : dot > 1 ? 1 : dot
    const angle = Math.acos(dot)
    let nx: number, ny: number, nz: number
    if (angle < 1e-10) {
      nx = cx
      ny = cy
      nz = cz
    } else if (angle <= p.max_turn) {
      nx = tx
      ny = ty
      nz = tz
    } else {
      const t = p.max_turn / angle
      nx = cx * (1 - t) + tx * t
      ny = cy * (1 - t) + ty * t
      nz = cz * (1 - t) + tz * t
      const m = Math.sqrt(nx * nx + ny * ny + nz * nz)
      nx /= m
      ny /= m
      nz /= m
    }
    const sigma = p.noise
    if (sigma > 0) {
      nx += normals[o] * sigma
      ny += normals[o + 1] * sigma
      nz += normals[o + 2] * sigma
      const m = Math.sqrt(nx * nx + ny * ny + nz * nz)
      nx /= m
      ny /= m
      nz /= m
    }
    out[o] = nx * p.speed
    out[o + 1] = ny * p.speed
    out[o + 2] = nz * p.speed
  }
}

/** The default Verlet skin max(0.15·r_a, 10·v0·dt) unless one is given. */
function defaultSkin(p: SchoolParameters, skin?: number): number {
  return skin ?? Math.max(0.15 * p.r_attraction, 10 * p.speed * p.dt)
}

/** v̂ = v/|v| (|v| < 1e-10 → divide by 1). */
function unitHeadings(vel: Float64Array, n: number, unit: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const o = 3 * i
    let norm = Math.sqrt(vel[o] * vel[o] + vel[o + 1] * vel[o + 1] + vel[o + 2] * vel[o + 2])
    if (norm < 1e-10) norm = 1
    unit[o] = vel[o] / norm
    unit[o + 1] = vel[o + 1] / norm
    unit[o + 2] = vel[o + 2] / norm
  }
}
