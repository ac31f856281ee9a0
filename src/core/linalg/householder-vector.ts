/**
 * Elementary reflector generation (LAPACK DLARFG semantics): for x = (α, x₁…), find
 * H = I − τ v vᵀ with v₀ = 1 so that H x = β e₀. The norm is computed with scaling so that
 * entries near the overflow/underflow thresholds do not spoil it (Golub & Van Loan,
 * Matrix Computations, 4th ed., §5.1.2–5.1.3).
 */

export interface Reflector {
  /** τ; 0 means H = I (nothing to eliminate). */
  readonly tau: number
  /** β = the value left in position 0 after reflection. */
  readonly beta: number
}

/**
 * Reflects x = src[off + k*stride], k = 0..m-1. Writes v (v₀ = 1) into dst[dstOff + k]
 * and returns τ and β. `src` is not modified.
 */
export function generateReflector(
  src: Float64Array,
  off: number,
  stride: number,
  m: number,
  dst: Float64Array,
  dstOff: number,
): Reflector {
  const alpha = src[off]
  dst[dstOff] = 1
  let scale = 0
  for (let k = 1; k < m; k++) {
    const x = Math.abs(src[off + k * stride])
    if (x > scale) scale = x
  }
  if (scale === 0) {
    for (let k = 1; k < m; k++) dst[dstOff + k] = 0
    return {tau: 0, beta: alpha}
  }
  let ss = 0
  const inv = 1 / scale
  for (let k = 1; k < m; k++) {
    const x = src[off + k * stride] * inv
    ss += x * x
  }
  const xnorm = scale * Math.sqrt(ss)
  const norm = safeHypot(alpha, xnorm)
  const beta = alpha >= 0 ? -norm : norm
  const tau = (beta - alpha) / beta
  const f = 1 / (alpha - beta)
  for (let k = 1; k < m; k++) dst[dstOff + k] = src[off + k * stride] * f
  return {tau, beta}
}

/** sqrt(a² + b²) without intermediate overflow or underflow. */
export function safeHypot(a: number, b: number): number {
  const x = Math.abs(a)
  const y = Math.abs(b)
  const big = x > y ? x : y
  const small = x > y ? y : x
  if (big === 0) return 0
  const r = small / big
  return big * Math.sqrt(1 + r * r)
}
