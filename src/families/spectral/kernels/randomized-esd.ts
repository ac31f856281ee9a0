/**
 * Randomisation metrics ("correlation traps"; Martin & Mahoney 2021, WeightWatcher 0.7.5.5
 * `apply_random_esd`): the ESD of the element-wise shuffled W against the real ESD.
 * rand_distance is WW's Jensen–Shannon distance between the two sorted eigenvalue vectors treated as
 * probability vectors (scipy `entropy` normalises each, natural log), not a histogram JSD.
 */

/** Σ p ln(p/m) with p and m normalised to sum 1 (scipy.stats.entropy(p, m)). */
function relativeEntropy(p: ArrayLike<number>, m: ArrayLike<number>): number {
  let sp = 0
  let sm = 0
  for (let i = 0; i < p.length; i++) {
    sp += p[i]
    sm += m[i]
  }
  let h = 0
  for (let i = 0; i < p.length; i++) {
    const pi = p[i] / sp
    const mi = m[i] / sm
    if (pi > 0) h += pi * Math.log(pi / mi)
  }
  return h
}

/** √((KL(p‖m) + KL(q‖m))/2), m = (p+q)/2, for equal-length vectors. */
export function jensenShannonDistance(p: ArrayLike<number>, q: ArrayLike<number>): number {
  const m = new Float64Array(p.length)
  for (let i = 0; i < p.length; i++) m[i] = (p[i] + q[i]) / 2
  return Math.sqrt((relativeEntropy(p, m) + relativeEntropy(q, m)) / 2)
}

export interface RandomizedMetrics {
  readonly max_rand_eval: number
  readonly rand_distance: number
  readonly ww_softrank: number
  readonly ww_maxdist: number
}

/**
 * `replicaEvals`: pooled ESD of the shuffled replicas (5 when the layer has fewer than 100 eigenvalues per
 * slice); `distanceEvals`: one more independent shuffle (as WW); both ascending.
 */
export function randomizedMetrics(
  evals: Float64Array,
  replicaEvals: Float64Array,
  distanceEvals: Float64Array,
): RandomizedMetrics {
  const lmax = evals[evals.length - 1]
  const dmax = distanceEvals[distanceEvals.length - 1]
  return {
    max_rand_eval: replicaEvals[replicaEvals.length - 1],
    rand_distance: jensenShannonDistance(evals, distanceEvals),
    ww_softrank: dmax / lmax,
    ww_maxdist: lmax - dmax,
  }
}

/** WW's replica rule: 5 shuffles pooled when a slice has fewer than 100 components. */
export function randomReplicaCount(componentsPerSlice: number): number {
  return componentsPerSlice < 100 ? 5 : 1
}
