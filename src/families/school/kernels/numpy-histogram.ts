/**
 * Equal-width histograms with NumPy's exact binning rules and the normalised Shannon entropy
 * dewi-kadita computes from them (spec school.md §2.6 "Histogram semantics").
 *
 * `np.histogram(x, bins=n, range=(a, b))`: edges = linspace(a, b, n+1); x counts iff a <= x <= b;
 * the index is floor((x − a)/(b − a)·n) corrected against the edge array; the last bin is closed.
 * `np.histogram2d` with explicit edges (searchsorted right − 1) assigns bins identically.
 */

/** `np.linspace(a, b, n + 1)`: a + i·((b − a)/n), the last edge set to b exactly. */
export function linspaceEdges(a: number, b: number, bins: number): Float64Array {
  const edges = new Float64Array(bins + 1)
  const step = (b - a) / bins
  for (let i = 0; i <= bins; i++) edges[i] = i * step + a
  edges[bins] = b
  return edges
}

/** Bin index of x for equal-width edges, or −1 when x is outside [a, b] (or NaN). */
export function binIndex(x: number, edges: Float64Array): number {
  const bins = edges.length - 1
  const a = edges[0]
  const b = edges[bins]
  if (!(x >= a && x <= b)) return -1
  let i = Math.floor(((x - a) / (b - a)) * bins)
  if (i >= bins) i = bins - 1
  if (x < edges[i]) i--
  else if (i !== bins - 1 && x >= edges[i + 1]) i++
  return i
}

/** A reusable 1-D histogram on [a, b] with `bins` equal bins. */
export class UniformHistogram {
  readonly counts: Float64Array
  readonly edges: Float64Array

  constructor(a: number, b: number, bins: number) {
    this.edges = linspaceEdges(a, b, bins)
    this.counts = new Float64Array(bins)
  }

  reset(): void {
    this.counts.fill(0)
  }

  add(x: number): void {
    const i = binIndex(x, this.edges)
    if (i >= 0) this.counts[i]++
  }

  /** H/ln(bins) of the counted values (natural log), or 0.5 when nothing was counted. */
  normalisedEntropy(): number {
    return normalisedEntropy(this.counts, Math.log(this.counts.length))
  }
}

/**
 * −Σ p ln p over the non-zero p = w/Σw, divided by hMax; 0.5 (dewi-kadita's sentinel) when Σw = 0.
 * A single occupied bin gives 0 (upstream writes −0.0; we normalise to +0).
 */
export function normalisedEntropy(weights: ArrayLike<number>, hMax: number): number {
  let total = 0
  for (let k = 0; k < weights.length; k++) total += weights[k]
  if (!(total > 0)) return 0.5
  let h = 0
  for (let k = 0; k < weights.length; k++) {
    const p = weights[k] / total
    if (p > 0) h -= p * Math.log(p)
  }
  return h / hMax + 0
}
