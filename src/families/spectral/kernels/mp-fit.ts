/**
 * Marchenko–Pastur bulk fit of an ESD (Martin & Mahoney 2018/2021; WeightWatcher 0.7.5.5 `mp_fit`,
 * `RMT_Util.fit_density_with_range`, `resid_mp`), reproduced literally:
 * 1. rescale to mean eigenvalue 1: W_scale = √(L/Σλ), λ' = W_scale²·λ;
 * 2. σ grid [0.05σ0, 2σ0) step 0.01σ0, σ0 = √λ'max/(1+1/√Q); objective = squared residual between the
 *    MP density and a linear-kernel KDE (bandwidth 0.1, 1000 points on [0, max+0.5], points with density
 *    ≤ 0.01 dropped), penalty 1000 per point when the bulk edge is before the KDE peak or past the data or
 *    the lower edge past the peak; Q = 1 fits √λ' with the quarter-circle law (WW's unscaled √(4−x²));
 * 3. the best grid point is polished with Nelder–Mead (scipy `brute(finish=fmin)`);
 * 4. bulk edges (σ(1±1/√Q))², Tracy–Widom margin TW = Q^(−1/2)·bulk_max^(2/3)·M^(−2/3),
 *    num_spikes = #{λ' > bulk_max + √TW}, mp_softrank = bulk_max/λ'max; edges reported on the original scale.
 */
import {nelderMead1d} from './nelder-mead.js'

export interface MpFit {
  readonly num_spikes: number
  readonly sigma_mp: number
  readonly mp_softrank: number
  readonly bulk_min: number
  readonly bulk_max: number
  readonly W_scale: number
}

const KDE_POINTS = 1000
const KDE_BANDWIDTH = 0.1
const DENSITY_FLOOR = 0.01

/** Linear-kernel KDE (sklearn `KernelDensity(kernel='linear')`) of sorted data on numpy.linspace(0, max+0.5, 1000). */
export function linearKde(sorted: Float64Array, h = KDE_BANDWIDTH): {x: Float64Array; y: Float64Array} {
  const stop = sorted[sorted.length - 1] + 0.5
  const step = stop / (KDE_POINTS - 1)
  const x = new Float64Array(KDE_POINTS)
  const y = new Float64Array(KDE_POINTS)
  const norm = 1 / (sorted.length * h)
  let lo = 0
  for (let p = 0; p < KDE_POINTS; p++) {
    const xp = p === KDE_POINTS - 1 ? stop : p * step
    x[p] = xp
    while (lo < sorted.length && sorted[lo] <= xp - h) lo++
    let s = 0
    for (let k = lo; k < sorted.length && sorted[k] < xp + h; k++) s += 1 - Math.abs(xp - sorted[k]) / h
    y[p] = s * norm
  }
  return {x, y}
}

/** numpy.arange(start, stop, step) values (first two exact, then start + i·(x1 − x0)). */
function arange(start: number, stop: number, step: number): number[] {
  const n = Math.max(0, Math.ceil((stop - start) / step))
  const delta = start + step - start
  return Array.from({length: n}, (_, i) => (i === 0 ? start : start + i * delta))
}

/** The objective WW minimises over σ (`resid_mp` with allresid=False). */
export function mpResidual(kde: {x: Float64Array; y: Float64Array}, Q: number): (sigma: number) => number {
  const gx: number[] = []
  const gy: number[] = []
  for (let p = 0; p < kde.x.length; p++) {
    if (kde.y[p] > DENSITY_FLOOR) {
      gx.push(kde.x[p])
      gy.push(kde.y[p])
    }
  }
  let peak = 0
  for (let p = 1; p < gy.length; p++) if (gy[p] > gy[peak]) peak = p
  const peakX = gx[peak]
  const maxX = gx.length > 0 ? Math.max(...gx) : Number.NaN
  const nanToNum = (v: number) =>
    Number.isNaN(v) ? 0 : v === Infinity ? Number.MAX_VALUE : v === -Infinity ? -Number.MAX_VALUE : v
  return (sigma: number) => {
    let s = 0
    if (Q === 1) {
      for (let p = 0; p < gx.length; p++) {
        const mp = nanToNum((1 / (Math.PI * sigma * sigma)) * Math.sqrt(4 - gx[p] ** 2))
        s += (mp - gy[p]) ** 2
      }
      return s
    }
    const r = Math.sqrt(1 / Q)
    const b = (sigma * (1 + r)) ** 2
    const a = (sigma * (1 - r)) ** 2
    if (b < peakX || b > maxX || a > peakX) return gx.length * 1000 * 1000
    const y = 1 / Q
    for (let p = 0; p < gx.length; p++) {
      const x = gx[p]
      const mp = nanToNum((1 / (2 * Math.PI * sigma * sigma * x * y)) * Math.sqrt((b - x) * (x - a)))
      s += (mp - gy[p]) ** 2
    }
    return s
  }
}

/** MP fit of ascending eigenvalues of an N×M layer. */
export function mpFit(sortedEvals: Float64Array, N: number, M: number): MpFit {
  const L = sortedEvals.length
  const Q = N / M
  let sum = 0
  for (let i = 0; i < L; i++) sum += sortedEvals[i]
  const wScale = Math.sqrt(L) / Math.sqrt(sum)
  const scaled = sortedEvals.map((v) => wScale * wScale * v)
  const lambdaMax = scaled[L - 1]
  const toFit = Q === 1 ? scaled.map(Math.sqrt) : scaled
  const sigma0 = Math.sqrt(lambdaMax / (1 + 1 / Math.sqrt(Q)) ** 2)
  const objective = mpResidual(linearKde(toFit), Q)
  const grid = arange(0.05 * sigma0, 2 * sigma0, 0.01 * sigma0)
  let best = 0
  let bestF = Infinity
  grid.forEach((s, i) => {
    const f = objective(s)
    if (f < bestF) {
      bestF = f
      best = i
    }
  })
  const sigma = nelderMead1d(objective, grid[best]).x
  const bulkMax = (sigma * (1 + 1 / Math.sqrt(Q))) ** 2
  const bulkMin = (sigma * (1 - 1 / Math.sqrt(Q))) ** 2
  const tw = (1 / Math.sqrt(Q)) * Math.pow(bulkMax, 2 / 3) * Math.pow(M, -2 / 3)
  const edge = bulkMax + Math.sqrt(tw)
  let spikes = 0
  for (let i = 0; i < L; i++) if (scaled[i] > edge) spikes++
  return {
    num_spikes: spikes,
    sigma_mp: sigma,
    mp_softrank: bulkMax / lambdaMax,
    bulk_min: bulkMin / (wScale * wScale),
    bulk_max: bulkMax / (wScale * wScale),
    W_scale: wScale,
  }
}
