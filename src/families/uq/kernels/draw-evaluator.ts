/**
 * The per-draw work of Inv-Entropy in one pass, for the scorer's inner loop (20–625 draws per item).
 * Mathematically it is ./draw-distributions.ts followed by ./draw-measures.ts on the Py of the drawn
 * responses; those two stay the readable definition and the tests hold this fused form to them bit for
 * bit. Fused here: gathering Sy, row-normalising it, the column sums of Py and the diagonal of Py·Px
 * happen in one sweep over each row (the diagonal reads a transposed copy of Px, so both operands run
 * along a row), and the five measures come out of one loop over the m entries. Every sum keeps the
 * order of the readable form, so the results are identical, not merely close; the gain (≈30 % per
 * draw at m = 10) is from fewer passes, no per-draw objects and longer independent dependency chains.
 */
import type {DrawMeasures} from './draw-measures.js'

/**
 * Writes the measures of the draw `flat` (one flattened response index per input) into `out`, in the
 * order invEntropy, niEntropy, wdPxPy, maxPyGivenX, maxPy.
 */
export type FusedDrawEvaluator = (flat: Int32Array, out: Float64Array) => void

/** Inserts `v` into the ascending prefix w[at .. at + i) (insertion sort, one entry per call). */
function insertSorted(w: Float64Array, at: number, i: number, v: number): void {
  let j = at + i - 1
  for (; j >= at && w[j] > v; j--) w[j + 1] = w[j]
  w[j + 1] = v
}

/**
 * The per-draw kernel with its buffers, kept by a scorer from item to item: `load` points it at an
 * item's M×M response similarity `s` (row-major, M = `total`) and copies the fixed row-stochastic
 * m×m `px`; `evaluate` then runs one draw. Why an object with one work array rather than a closure per
 * item: a closure made afresh for every item runs its loops on buffers read from the closure's context
 * (V8 specialises optimised code to a context only when one closure is reused), which cost about as
 * much as the arithmetic; here `evaluate` copies the fields into locals once per draw, and an item of
 * the same shape as the last allocates nothing.
 */
export class FusedDrawKernel {
  private s: Float64Array = new Float64Array(0)
  private total = 0
  private m = 0
  /** px (m×m), its transpose (m×m), Py (m×m), then P(Y), the diagonal, π·Py·Py, P(X) and the two sorted copies (m each). */
  private work = new Float64Array(0)

  load(s: Float64Array, total: number, px: Float64Array, m: number): void {
    this.s = s
    this.total = total
    this.m = m
    if (this.work.length !== 3 * m * m + 6 * m) this.work = new Float64Array(3 * m * m + 6 * m)
    const w = this.work
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        w[i * m + j] = px[i * m + j]
        w[m * m + j * m + i] = px[i * m + j]
      }
    }
  }

  /**
   * Writes the measures of the draw `flat` (one flattened response index per input) into `out`, in the
   * order invEntropy, niEntropy, wdPxPy, maxPyGivenX, maxPy.
   */
  evaluate(flat: Int32Array, out: Float64Array): void {
    const {s, total, m, work: w} = this
    const mm = m * m
    const pxT = mm // offsets into w
    const py = 2 * mm
    const pY = 3 * mm
    const diag = pY + m
    const row = diag + m
    const pX = row + m
    const sortedX = pX + m
    const sortedY = sortedX + m
    for (let i = 0; i < m; i++) {
      // Py row i = Sy row i / its sum (diagonal 1); then its share of the column sums and P(x_i | y_i)
      const a = flat[i] * total
      const o = py + i * m
      let z = 0
      for (let j = 0; j < m; j++) {
        const v = i === j ? 1 : s[a + flat[j]]
        w[o + j] = v
        z += v
      }
      const inv = 1 / z
      const t = pxT + i * m
      let d = 0
      if (i === 0) {
        // the column sums start from row 0's entry, not 0 + it (the same number, and no fill pass)
        for (let j = 0; j < m; j++) {
          const v = w[o + j] * inv
          w[o + j] = v
          w[pY + j] = v
          d += v * w[t + j]
        }
      } else {
        for (let j = 0; j < m; j++) {
          const v = w[o + j] * inv
          w[o + j] = v
          w[pY + j] += v
          d += v * w[t + j]
        }
      }
      w[diag + i] = d
    }
    // P(Y) = the column means; row = π·Py·Py, then P(X) = row·Px (the readable form's order)
    for (let j = 0; j < m; j++) w[pY + j] /= m
    const y0 = w[pY]
    for (let k = 0; k < m; k++) w[row + k] = y0 * w[py + k]
    for (let j = 1; j < m; j++) {
      const y = w[pY + j]
      const o = py + j * m
      for (let k = 0; k < m; k++) w[row + k] += y * w[o + k]
    }
    const r0 = w[row]
    for (let i = 0; i < m; i++) w[pX + i] = r0 * w[i]
    for (let k = 1; k < m; k++) {
      const r = w[row + k]
      const o = k * m
      for (let i = 0; i < m; i++) w[pX + i] += r * w[o + i]
    }
    let inverse = 0
    let forward = 0
    let maxForward = -Infinity
    let maxY = -Infinity
    for (let i = 0; i < m; i++) {
      const p = w[diag + i]
      const y = w[pY + i]
      const x = w[pX + i]
      const q = (p * y) / x // P(y_i | x_i) by Bayes
      if (p > 0) inverse -= p * Math.log(p)
      if (q > 0) forward -= q * Math.log(q)
      if (q > maxForward) maxForward = q
      if (y > maxY) maxY = y
      insertSorted(w, sortedX, i, x)
      insertSorted(w, sortedY, i, y)
    }
    let wd = 0
    for (let k = 0; k < m; k++) wd += Math.abs(w[sortedX + k] - w[sortedY + k])
    out[0] = inverse
    out[1] = forward
    out[2] = wd / m
    out[3] = maxForward
    out[4] = maxY
  }
}

/** An evaluator over one item's `s` and `px` with a kernel of its own (tests, one-off use). */
export function createFusedDrawEvaluator(
  s: Float64Array,
  total: number,
  px: Float64Array,
  m: number,
): FusedDrawEvaluator {
  const kernel = new FusedDrawKernel()
  kernel.load(s, total, px, m)
  return (flat, out) => kernel.evaluate(flat, out)
}

/** The five slots of `out` as a DrawMeasures record. */
export function drawMeasuresOf(out: Float64Array): DrawMeasures {
  return {invEntropy: out[0], niEntropy: out[1], wdPxPy: out[2], maxPyGivenX: out[3], maxPy: out[4]}
}
