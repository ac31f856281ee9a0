/**
 * Offsets of each fish from the school centroid, for the centroid-dependent diagnostics
 * (rotation M, spread, angular-momentum and shape entropies).
 *
 * - `naive` (dewi-kadita): arithmetic mean of the wrapped positions. Wrong when the school
 *   straddles a face of the periodic box (spec school.md §4 quirk 3).
 * - `periodic`: the circular mean per axis (Bai & Breen 2008, "Calculating center of mass in
 *   an unbounded 2D environment") as a reference point, every fish unwrapped to its nearest
 *   image about it, then the arithmetic mean of the unwrapped positions.
 */
export type CentroidMode = 'naive' | 'periodic'

/** Writes r_i = x_i − x̄ (N×3) into `out`, per the mode; returns `out`. */
export function centroidOffsets(
  pos: Float64Array,
  n: number,
  boxSize: number,
  mode: CentroidMode,
  out: Float64Array,
): Float64Array {
  if (mode === 'naive') {
    out.set(pos.subarray(0, 3 * n))
  } else {
    for (let c = 0; c < 3; c++) {
      const ref = circularMean(pos, n, c, boxSize)
      for (let i = 0; i < n; i++) out[3 * i + c] = ref + nearestImage(pos[3 * i + c] - ref, boxSize)
    }
  }
  for (let c = 0; c < 3; c++) {
    let sum = 0
    for (let i = 0; i < n; i++) sum += out[3 * i + c]
    const mean = sum / n
    for (let i = 0; i < n; i++) out[3 * i + c] -= mean
  }
  return out
}

/** Circular mean of coordinate `c` on a circle of circumference L, mapped back to [0, L]. */
function circularMean(pos: Float64Array, n: number, c: number, L: number): number {
  let s = 0
  let co = 0
  const k = (2 * Math.PI) / L
  for (let i = 0; i < n; i++) {
    const a = pos[3 * i + c] * k
    s += Math.sin(a)
    co += Math.cos(a)
  }
  if (s === 0 && co === 0) return L / 2
  return ((Math.atan2(-s / n, -co / n) + Math.PI) / (2 * Math.PI)) * L
}

/** d − L·round(d/L) for any finite d. */
function nearestImage(d: number, L: number): number {
  return d - L * Math.round(d / L)
}
