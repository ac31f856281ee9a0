/**
 * How a raw text cell is read: missing tokens, special values, numbers.
 * Missing: the empty string and NA, N/A, NaN, nan, null, NULL (after trimming). "none" is not
 * missing: it is a real category in many files (German credit: other_debtors = none).
 * Numeric: a decimal literal as in the regular expression below (no hex, no Infinity),
 * matching "every value parses as a float" of spec credit.md §2.11 for ordinary files.
 */
export const MISSING_TOKENS: readonly string[] = ['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL']
const MISSING = new Set(MISSING_TOKENS)
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/

export function isMissingCell(cell: string): boolean {
  return MISSING.has(cell.trim())
}

/** The number in `cell`, or NaN when the cell is not a decimal literal. */
export function parseNumericCell(cell: string): number {
  const t = cell.trim()
  return DECIMAL.test(t) ? Number(t) : Number.NaN
}
