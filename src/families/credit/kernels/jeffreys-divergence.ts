/**
 * Jeffreys divergence J(P, Q) = KL(P‖Q) + KL(Q‖P) = Σ (p_i − q_i)·ln(p_i/q_i) and its
 * sampling variance. IV is J(goods, bads) and PSI is J(actual, expected) over the same bins
 * (spec credit.md §2.3). Variances (§2.4), for two independent multinomial samples of sizes
 * nP and nQ:
 *  (a) full multinomial delta method: with w = ln(p/q), a = w + 1 − q/p, c = −w + 1 − p/q,
 *      Var ≈ [Σ p a² − (Σ p a)²]/nP + [Σ q c² − (Σ q c)²]/nQ (nQ = ∞ drops the second term);
 *  (b) fastwoe's bin-wise delta method (ignores cross-bin covariance);
 *  (c) the non-central χ² approximation c·Ĵ ≈ χ²_{k−1}(c·J), Var ≈ (2(k−1) + 4c·J)/c², c = nP·nQ/(nP+nQ).
 * Ref: Rojas, Alvarez & Rojas, arXiv:2309.13183; Sudjianto & Burakov, arXiv:2509.09855.
 */

export function jeffreys(p: ArrayLike<number>, q: ArrayLike<number>): number {
  let sum = 0
  for (let i = 0; i < p.length; i++) sum += (p[i] - q[i]) * Math.log(p[i] / q[i])
  return sum
}

/** Per-bin Jensen–Shannon contribution ½[p ln(2p/(p+q)) + q ln(2q/(p+q))] (natural log). */
export function jensenShannonTerm(p: number, q: number): number {
  const m = (p + q) / 2
  const t = (x: number) => (x > 0 ? x * Math.log(x / m) : 0)
  return (t(p) + t(q)) / 2
}

/** (a) Full multinomial delta-method variance of Ĵ; nQ = Infinity treats Q as a fixed population. */
export function jeffreysDeltaVariance(p: ArrayLike<number>, q: ArrayLike<number>, nP: number, nQ: number): number {
  let sa = 0
  let sa2 = 0
  let sc = 0
  let sc2 = 0
  for (let i = 0; i < p.length; i++) {
    const w = Math.log(p[i] / q[i])
    const a = w + 1 - q[i] / p[i]
    const c = -w + 1 - p[i] / q[i]
    sa += p[i] * a
    sa2 += p[i] * a * a
    sc += q[i] * c
    sc2 += q[i] * c * c
  }
  const first = Number.isFinite(nP) ? (sa2 - sa * sa) / nP : 0
  const second = Number.isFinite(nQ) ? (sc2 - sc * sc) / nQ : 0
  return Math.max(0, first + second)
}

/** (b) fastwoe-compatible bin-wise variance: Var(WoE_i) = 1/(nP p_i) + 1/(nQ q_i) on the smoothed shares. */
export function jeffreysBinwiseVariance(p: ArrayLike<number>, q: ArrayLike<number>, nP: number, nQ: number): number {
  let sum = 0
  for (let i = 0; i < p.length; i++) {
    const w = Math.log(p[i] / q[i])
    const varWoe = 1 / (nP * p[i]) + 1 / (nQ * q[i])
    sum += (q[i] - p[i]) ** 2 * varWoe + w * w * ((q[i] * (1 - q[i])) / nQ + (p[i] * (1 - p[i])) / nP)
  }
  return sum
}

/** (c) Non-central χ² variance (2(k−1) + 4c·J)/c² with c = nP·nQ/(nP+nQ). */
export function jeffreysNoncentralVariance(j: number, bins: number, nP: number, nQ: number): number {
  const c = effectiveSize(nP, nQ)
  return (2 * (bins - 1) + 4 * c * j) / (c * c)
}

/** c = nP·nQ/(nP+nQ), the scale that turns Ĵ into a χ² statistic (nQ = ∞ gives nP). */
export function effectiveSize(nP: number, nQ: number): number {
  if (!Number.isFinite(nQ)) return nP
  if (!Number.isFinite(nP)) return nQ
  return (nP * nQ) / (nP + nQ)
}
