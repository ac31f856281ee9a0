/**
 * How a raw text cell is read: missing tokens, special values, numbers.
 * Missing: the empty string and NA, N/A, NaN, nan, null, NULL (after trimming). "none" is not
 * missing: it is a real category in many files (German credit: other_debtors = none).
 * Numeric: a decimal literal `[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?` after trimming (no hex, no
 * Infinity), matching "every value parses as a float" of spec credit.md §2.11 for ordinary files.
 */
export const MISSING_TOKENS: readonly string[] = ['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL']
const MISSING = new Set(MISSING_TOKENS)

export function isMissingCell(cell: string): boolean {
  return MISSING.has(cell.trim())
}

/** 10^0 … 10^22: every one is an exact double (5^22 < 2^53). */
const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
  1e21, 1e22,
]
/** Largest m with 10·m + 9 < 2^53, so the digit accumulator stays an exact integer. */
const MANTISSA_LIMIT = 900_719_925_474_098

/**
 * The number in `cell`, or NaN when the cell is not a decimal literal.
 *
 * Hot path of every streaming pass (one call per numeric cell), so it scans char codes instead of
 * running a regular expression, and computes the value itself when that is provably exact:
 * Clinger's fast path (W. D. Clinger, "How to read floating point numbers accurately", PLDI 1990):
 * with an integer digit string m < 2^53 and a decimal exponent |e| ≤ 22, both m and 10^|e| are
 * exact doubles, so the single IEEE multiplication or division m·10^e, m/10^−e is correctly
 * rounded, i.e. equal to Number(text). Any other valid literal (more than 15–16 significant digits,
 * large exponents) goes to Number(text). Tested against the regular expression + Number on tricky
 * and random inputs (test/kernels/credit/cell-value.test.ts).
 */
export function parseNumericCell(cell: string): number {
  let s = cell
  let n = s.length
  if (n === 0) return Number.NaN
  const first = s.charCodeAt(0)
  const last = s.charCodeAt(n - 1)
  if (first <= 32 || last <= 32 || first >= 127 || last >= 127) {
    s = s.trim()
    n = s.length
    if (n === 0) return Number.NaN
  }
  let i = 0
  let c = s.charCodeAt(0)
  const negative = c === 45
  if (c === 43 || c === 45) c = s.charCodeAt(++i)
  let m = 0
  let scale = 0
  let digits = 0
  let exact = true
  while (c >= 48 && c <= 57) {
    if (m < MANTISSA_LIMIT) m = m * 10 + (c - 48)
    else exact = false
    digits++
    c = s.charCodeAt(++i)
  }
  if (c === 46) {
    c = s.charCodeAt(++i)
    while (c >= 48 && c <= 57) {
      if (m < MANTISSA_LIMIT) {
        m = m * 10 + (c - 48)
        scale--
      } else exact = false
      digits++
      c = s.charCodeAt(++i)
    }
  }
  if (digits === 0) return Number.NaN
  if (c === 101 || c === 69) {
    c = s.charCodeAt(++i)
    const expNegative = c === 45
    if (c === 43 || c === 45) c = s.charCodeAt(++i)
    let e = 0
    let expDigits = 0
    while (c >= 48 && c <= 57) {
      if (e < 100_000) e = e * 10 + (c - 48)
      expDigits++
      c = s.charCodeAt(++i)
    }
    if (expDigits === 0) return Number.NaN
    scale += expNegative ? -e : e
  }
  if (i !== n) return Number.NaN
  // Digits dropped past the accumulator make m·10^scale inexact (the integer part's dropped
  // digits would also shift the scale): leave those literals to Number.
  if (!exact) return Number(s)
  let x: number
  if (m === 0) x = 0
  else if (scale >= 0 && scale <= 22) x = m * POW10[scale]
  else if (scale < 0 && scale >= -22) x = m / POW10[-scale]
  else return Number(s)
  return negative ? -x : x
}

/**
 * A decimal literal outside the float64 range (`1e999`): it parses to ±Infinity, which would become a cut point
 * `(inf, inf]` and an empty bin. Meaningless as a measurement, so the reader reports it with the file and line.
 */
export class NonFiniteCellError extends Error {
  constructor(readonly cell: string) {
    super(`expected a finite number, got "${cell.length > 40 ? `${cell.slice(0, 40)}…` : cell}"`)
  }
}
