/**
 * SETOL ERG / TRACE-LOG condition (Martin & Hinrichs 2025, SETOL §5.3 eq. detX; WeightWatcher 0.7.5.5
 * `apply_detX`, `RMT_Util.detX_constraint`). The ESD is rescaled so Σr = L (‖W‖²_F normalised to M);
 * the tail λ ≥ λ_min^{|detX|=1} is the longest top set whose product Π r stays ≥ 1.
 *
 * WeightWatcher multiplies the tail with `np.prod` (O(L²), overflows to ∞ on long heavy tails, then
 * returns L). Here the product test uses cumulative log sums from the top: Π r[idx:] < 1 ⇔
 * Σ ln r[idx:] < 0, same results wherever the product does not overflow, O(L).
 */

export interface DetX {
  /** L − idx at the first idx (from the top) with Π r[idx:] < 1; L when none. */
  readonly detX_num: number
  /** λ[idx] on the original scale (comparable with xmin). */
  readonly detX_val: number
  /** r[idx] = λ[idx]·L/Σλ on the rescaled scale (WW calls it `detX_val_unrescaled`). */
  readonly detX_val_rescaled: number
}

/** detX of ascending eigenvalues (all of them, no threshold). */
export function detX(sortedEvals: ArrayLike<number>): DetX {
  const L = sortedEvals.length
  let sum = 0
  for (let i = 0; i < L; i++) sum += sortedEvals[i]
  const scale = L / sum
  // WW returns (0, 0) for fewer than two values or a flat spectrum.
  if (L < 2 || !(sortedEvals[0] < sortedEvals[L - 1])) {
    return {
      detX_num: 0,
      detX_val: sortedEvals[0] ?? Number.NaN,
      detX_val_rescaled: (sortedEvals[0] ?? Number.NaN) * scale,
    }
  }
  let num = L
  let idx = 1
  let logSum = 0
  for (let i = L - 1; i >= 1; i--) {
    logSum += Math.log(scale * sortedEvals[i])
    idx = i
    if (logSum < 0) {
      num = L - i
      break
    }
  }
  return {detX_num: num, detX_val: sortedEvals[idx], detX_val_rescaled: scale * sortedEvals[idx]}
}
