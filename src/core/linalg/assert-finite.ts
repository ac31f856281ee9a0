/**
 * Rejects NaN/±Inf before any factorisation: LAPACK and the TypeScript solvers would
 * otherwise return NaN spectra (or loop) without saying which tensor was at fault.
 */
import {InputError} from '../errors.js'

/** Throws InputError naming `name` (the tensor) and the first non-finite entry as [row, col]. */
export function assertFinite(a: ArrayLike<number>, rows: number, cols: number, name = 'matrix'): void {
  const len = rows * cols
  if (a.length < len) throw new InputError(`expected ${rows}x${cols} = ${len} values, got ${a.length}`, {field: name})
  for (let i = 0; i < len; i++) {
    const v = a[i]
    // v - v is NaN exactly for NaN and ±Inf; one comparison per element keeps this memory-bound.
    if (v - v !== 0) {
      const what = Number.isNaN(v) ? 'NaN' : v > 0 ? 'Inf' : '-Inf'
      throw new InputError(`expected finite values, found ${what} at [${Math.floor(i / cols)}, ${i % cols}]`, {
        field: name,
      })
    }
  }
}

/** Throws InputError unless rows and cols are positive integers. */
export function assertShape(rows: number, cols: number, name = 'matrix'): void {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1) {
    throw new InputError(`expected a 2-D shape with positive sides, got ${rows}x${cols}`, {field: name})
  }
}
