/**
 * Longer than 250 lines on purpose: the seven entropies share one pass over the frame and its scratch buffers;
 * split, each would redo the pass.
 *
 * Per-frame diagnostics of dewi-kadita (`core/metrics.py`; spec school.md §2.6–2.7): order
 * parameters P and M, spread, order index, the seven normalised entropies and the Oceanic
 * Schooling Index OSI = 0.18·H_coh + 0.28·H_pol + 0.08·H_depth + 0.08·H_ang + 0.10·H_nn
 * + 0.18·H_vel + 0.10·H_shape (high = disorder). Scratch buffers are allocated once.
 */
import {normalisedEntropy, UniformHistogram, binIndex, linspaceEdges} from './numpy-histogram.js'
import {PeriodicKnn} from './periodic-knn.js'
import {centroidOffsets, type CentroidMode} from './school-centroid.js'
import {symmetricEigenvalues3} from './symmetric-eigen3.js'
import {createHeadingPairHistogram, type HeadingPairHistogram} from './heading-pair-histogram.js'

/** 'wasm': the velocity-correlation pairs by the SIMD kernel where it loads; 'typescript': the loop below. Same counts. */
export type MetricsPairKernel = 'wasm' | 'typescript'

/** Metric names, in dewi-kadita's order; also the NetCDF variable names. */
export const metricNames = [
  'polarization',
  'rotation',
  'spread',
  'order_index',
  'school_cohesion_entropy',
  'polarization_entropy',
  'depth_stratification_entropy',
  'angular_momentum_entropy',
  'nearest_neighbor_entropy',
  'velocity_correlation_entropy',
  'school_shape_entropy',
  'oceanic_schooling_index',
] as const
export type MetricName = (typeof metricNames)[number]
export const metricIndex = Object.fromEntries(metricNames.map((m, i) => [m, i])) as Record<MetricName, number>

/** OSI weights of the current dewi-kadita code (commit b5d5a39 onwards). */
export const osiWeights = {
  cohesion: 0.18,
  polarization: 0.28,
  depth: 0.08,
  angular: 0.08,
  knn: 0.1,
  velocity: 0.18,
  shape: 0.1,
} as const

const THETA_BINS = 12
const PHI_BINS = 24

export class SchoolMetrics {
  private readonly n: number
  private readonly L: number
  private readonly mode: CentroidMode
  private readonly unit: Float64Array
  private readonly offsets: Float64Array
  private readonly knn: PeriodicKnn
  private readonly cohesion: UniformHistogram
  private readonly depth: UniformHistogram
  private readonly angular = new UniformHistogram(0, 1, 20)
  private readonly cv = new UniformHistogram(0, 2, 20)
  private readonly corr = new UniformHistogram(0, 1, 20)
  /** the bin edges of the velocity-correlation histogram (np.histogram(…, 20, (0, 1))) */
  static readonly velocityCorrelationEdges = new UniformHistogram(0, 1, 20).edges
  private readonly thetaEdges = linspaceEdges(0, Math.PI, THETA_BINS)
  private readonly phiEdges = linspaceEdges(0, 2 * Math.PI, PHI_BINS)
  private readonly sphere = new Float64Array(THETA_BINS * PHI_BINS)
  private readonly thetaWeight = new Float64Array(THETA_BINS)
  private readonly eig = new Float64Array(3)
  /** outputs of orderParameters (a reused object: no allocation per frame) */
  private readonly order = {P: 0, M: 0, spread: 0, hAng: 0}
  private readonly headingPairs: HeadingPairHistogram | undefined
  /** who counts the velocity-correlation pairs */
  readonly pairKernel: MetricsPairKernel

  /**
   * `pairs`: who counts the velocity-correlation pairs when `pairKernel` is 'wasm' (default: the SIMD
   * kernel on this thread; `threads/threaded-heading-pairs.ts` splits them over two threads, same counts).
   */
  constructor(
    n: number,
    boxSize: number,
    mode: CentroidMode = 'naive',
    pairKernel: MetricsPairKernel = 'wasm',
    pairs?: HeadingPairHistogram,
  ) {
    this.headingPairs =
      pairKernel === 'wasm' && n >= 2 ? (pairs ?? createHeadingPairHistogram(n, this.corr.edges)) : undefined
    this.pairKernel = this.headingPairs ? 'wasm' : 'typescript'
    this.n = n
    this.L = boxSize
    this.mode = mode
    this.unit = new Float64Array(3 * n)
    this.offsets = new Float64Array(3 * n)
    this.knn = new PeriodicKnn(n, 5)
    this.cohesion = new UniformHistogram(0, boxSize / 2, 25)
    this.depth = new UniformHistogram(0, boxSize, 15)
    for (let k = 0; k < THETA_BINS; k++)
      this.thetaWeight[k] = Math.sin((this.thetaEdges[k] + this.thetaEdges[k + 1]) / 2)
  }

  /** All twelve metrics of one frame (positions wrapped into [0, L)), in `metricNames` order. */
  compute(
    pos: Float64Array,
    vel: Float64Array,
    out: Float64Array = new Float64Array(metricNames.length),
  ): Float64Array {
    const n = this.n
    unitVectors(vel, n, this.unit)
    const r = centroidOffsets(pos, n, this.L, this.mode, this.offsets)
    this.orderParameters(r)
    const {P, M, spread, hAng} = this.order
    const needKnn = n >= 2
    if (needKnn) this.knn.compute(pos, n, this.L)
    const hCoh = n < 2 ? 0.5 : this.cohesionEntropy()
    const hPol = this.polarizationEntropy()
    const hDepth = this.depthEntropy(pos)
    const hNn = n < 6 ? 0.5 : this.knnEntropy()
    const hVel = n < 2 ? 0.5 : this.velocityCorrelationEntropy()
    const hShape = n < 4 ? 0.5 : this.shapeEntropy(r)
    const w = osiWeights
    const osi =
      w.cohesion * hCoh +
      w.polarization * hPol +
      w.depth * hDepth +
      w.angular * hAng +
      w.knn * hNn +
      w.velocity * hVel +
      w.shape * hShape
    out[0] = P
    out[1] = M
    out[2] = spread
    out[3] = Math.max(P, M)
    out[4] = hCoh
    out[5] = hPol
    out[6] = hDepth
    out[7] = hAng
    out[8] = hNn
    out[9] = hVel
    out[10] = hShape
    out[11] = osi
    return out
  }

  /** P = |mean v̂|, M = |mean r̂ × v̂|, spread = sqrt(mean |r|²), and H_ang from |r̂_i × v̂_i|. */
  private orderParameters(r: Float64Array): void {
    const n = this.n
    const u = this.unit
    let px = 0,
      py = 0,
      pz = 0,
      mx = 0,
      my = 0,
      mz = 0,
      r2sum = 0
    this.angular.reset()
    for (let i = 0; i < n; i++) {
      const o = 3 * i
      const vx = u[o],
        vy = u[o + 1],
        vz = u[o + 2]
      px += vx
      py += vy
      pz += vz
      const r2 = r[o] * r[o] + r[o + 1] * r[o + 1] + r[o + 2] * r[o + 2]
      const rn = Math.sqrt(r2)
      r2sum += rn * rn
      const d = rn < 1e-10 ? 1 : rn
      const rx = r[o] / d,
        ry = r[o + 1] / d,
        rz = r[o + 2] / d
      const cx = ry * vz - rz * vy,
        cy = rz * vx - rx * vz,
        cz = rx * vy - ry * vx
      mx += cx
      my += cy
      mz += cz
      this.angular.add(Math.sqrt(cx * cx + cy * cy + cz * cz))
    }
    const P = norm3(px / n, py / n, pz / n)
    const M = norm3(mx / n, my / n, mz / n)
    const o = this.order
    o.P = P
    o.M = M
    o.spread = Math.sqrt(r2sum / n)
    o.hAng = n < 3 ? 0.5 : this.angular.normalisedEntropy()
  }

  /** Histogram of nearest-neighbour distances on [0, L/2], 25 bins. */
  private cohesionEntropy(): number {
    const d = this.knn.distances
    this.cohesion.reset()
    for (let i = 0; i < this.n; i++) this.cohesion.add(d[5 * i])
    return this.cohesion.normalisedEntropy()
  }

  /** Coefficient of variation of the 5 nearest distances per fish, 20 bins on [0, 2]. */
  private knnEntropy(): number {
    const d = this.knn.distances
    this.cv.reset()
    for (let i = 0; i < this.n; i++) {
      const o = 5 * i
      const mean = (d[o] + d[o + 1] + d[o + 2] + d[o + 3] + d[o + 4]) / 5
      let ss = 0
      for (let k = 0; k < 5; k++) ss += (d[o + k] - mean) * (d[o + k] - mean)
      this.cv.add(Math.sqrt(ss / 5) / (mean + 1e-10))
    }
    return this.cv.normalisedEntropy()
  }

  /** 12×24 (θ, φ) histogram of headings, rows weighted by sin θ_centre (upstream's weighting). */
  private polarizationEntropy(): number {
    const u = this.unit
    const h = this.sphere
    h.fill(0)
    for (let i = 0; i < this.n; i++) {
      const o = 3 * i
      const z = u[o + 2]
      const theta = Math.acos(z < -1 ? -1 : z > 1 ? 1 : z)
      const phi = Math.atan2(u[o + 1], u[o]) + Math.PI
      const a = binIndex(theta, this.thetaEdges)
      const b = binIndex(phi, this.phiEdges)
      if (a >= 0 && b >= 0) h[a * PHI_BINS + b]++
    }
    for (let a = 0; a < THETA_BINS; a++) for (let b = 0; b < PHI_BINS; b++) h[a * PHI_BINS + b] *= this.thetaWeight[a]
    return normalisedEntropy(h, Math.log(THETA_BINS * PHI_BINS))
  }

  /** z positions, 15 bins on [0, L]. */
  private depthEntropy(pos: Float64Array): number {
    this.depth.reset()
    for (let i = 0; i < this.n; i++) this.depth.add(pos[3 * i + 2])
    return this.depth.normalisedEntropy()
  }

  /**
   * (v̂_i·v̂_j + 1)/2 over all pairs i < j, 20 bins on [0, 1]. The bin rule of `binIndex` is
   * inlined: on [0, 1] its scaled value ((c − 0)/(1 − 0))·20 is exactly c·20, and halving is
   * exactly ·0.5, so the counts are those of `np.histogram`.
   */
  private velocityCorrelationEntropy(): number {
    const u = this.unit
    const n = this.n
    const counts = this.corr.counts
    if (this.headingPairs) {
      this.headingPairs.count(u, n, counts)
      return this.corr.normalisedEntropy()
    }
    const edges = this.corr.edges
    const bins = counts.length
    counts.fill(0)
    for (let i = 0; i < n; i++) {
      const xi = u[3 * i],
        yi = u[3 * i + 1],
        zi = u[3 * i + 2]
      for (let j = i + 1; j < n; j++) {
        const c = (xi * u[3 * j] + yi * u[3 * j + 1] + zi * u[3 * j + 2] + 1) * 0.5
        if (!(c >= 0 && c <= 1)) continue
        let b = Math.floor(c * bins)
        if (b >= bins) b = bins - 1
        if (c < edges[b]) b--
        else if (b !== bins - 1 && c >= edges[b + 1]) b++
        counts[b]++
      }
    }
    return this.corr.normalisedEntropy()
  }

  /** Entropy of the normalised covariance eigenvalues (ddof 1, clamped at 1e-10) over ln 3. */
  private shapeEntropy(r: Float64Array): number {
    const n = this.n
    let sxx = 0,
      sxy = 0,
      sxz = 0,
      syy = 0,
      syz = 0,
      szz = 0
    let mx = 0,
      my = 0,
      mz = 0
    for (let i = 0; i < n; i++) {
      mx += r[3 * i]
      my += r[3 * i + 1]
      mz += r[3 * i + 2]
    }
    mx /= n
    my /= n
    mz /= n
    for (let i = 0; i < n; i++) {
      const x = r[3 * i] - mx,
        y = r[3 * i + 1] - my,
        z = r[3 * i + 2] - mz
      sxx += x * x
      sxy += x * y
      sxz += x * z
      syy += y * y
      syz += y * z
      szz += z * z
    }
    const f = 1 / (n - 1)
    const ev = symmetricEigenvalues3(sxx * f, sxy * f, sxz * f, syy * f, syz * f, szz * f, this.eig)
    // Upstream sorts descending before summing; keep that order.
    let total = 0
    for (let k = 2; k >= 0; k--) {
      ev[k] = Math.max(ev[k], 1e-10)
      total += ev[k]
    }
    let h = 0
    for (let k = 2; k >= 0; k--) {
      const p = ev[k] / total
      h -= p * Math.log(p)
    }
    return h / Math.log(3) + 0
  }
}

/** v̂ = v/|v| with |v| < 1e-10 replaced by 1 (upstream's guard). */
function unitVectors(vel: Float64Array, n: number, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const o = 3 * i
    let m = Math.sqrt(vel[o] * vel[o] + vel[o + 1] * vel[o + 1] + vel[o + 2] * vel[o + 2])
    if (m < 1e-10) m = 1
    out[o] = vel[o] / m
    out[o + 1] = vel[o + 1] / m
    out[o + 2] = vel[o + 2] / m
  }
}

function norm3(x: number, y: number, z: number): number {
  return Math.sqrt(x * x + y * y + z * z)
}
