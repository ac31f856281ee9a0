/**
 * Arithmetic of the periodic cube [0, L)³ with NumPy's exact semantics: `np.round` rounds half
 * to even (minimum-image convention) and `np.mod` returns a result with the sign of L
 * (spec school.md §2.2 "Exact comparisons and arithmetic").
 */

/** `np.round(x)`: nearest integer, ties to even. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x)
  // Math.round rounds ties up; a tie is exactly when r − x = 0.5. Move odd results down.
  if (r - x === 0.5 && r % 2 !== 0) return r - 1
  return r
}

/** Minimum-image component: d − L·round(d/L). */
export function minimumImage(d: number, L: number): number {
  return d - L * roundHalfEven(d / L)
}

/** `np.mod(p, L)` for L > 0: fmod, then shift negatives by L (may return L for p = −tiny, as NumPy does). */
export function wrapIntoBox(p: number, L: number): number {
  let r = p % L
  if (r < 0) r += L
  else if (r === 0) r = 0 // normalise −0 to +0 as np.mod does (copysign(0, L))
  return r
}
