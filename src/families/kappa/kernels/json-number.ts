/**
 * JSON has no ∞ or NaN (JSON.stringify turns them into null, losing the
 * difference between "singular" and "undefined"), so the plan writes
 * non-finite values as the strings "inf", "-inf" and "nan" (Python's
 * float("inf") reads them back).
 */
export type JsonNumber = number | 'inf' | '-inf' | 'nan'

export function encodeNumber(x: number): JsonNumber {
  if (Number.isFinite(x)) return x
  if (Number.isNaN(x)) return 'nan'
  return x > 0 ? 'inf' : '-inf'
}

export function decodeNumber(x: JsonNumber | null | undefined): number {
  if (typeof x === 'number') return x
  if (x === 'inf') return Number.POSITIVE_INFINITY
  if (x === '-inf') return Number.NEGATIVE_INFINITY
  return Number.NaN
}
