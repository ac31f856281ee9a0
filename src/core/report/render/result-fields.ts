/**
 * Defensive readers for the `result` of a report. `report render` must turn any
 * report file into a summary, including files written by an older or newer
 * infolens whose result shape differs a little, so a section never throws on
 * a missing or mistyped field: it shows '-' (or leaves the part out) instead.
 */

export type Fields = Readonly<Record<string, unknown>>

export function asRecord(value: unknown): Fields {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : {}
}

export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : []
}

export function asRecords(value: unknown): Fields[] {
  return asArray(value).map(asRecord)
}

/**
 * A number from a JSON value, or null. JSON has no ∞/NaN, so reports spell them
 * as strings: kappa writes "inf"/"-inf"/"nan", netcdf dump "Infinity"/"-Infinity"/"NaN".
 */
export function numberOf(value: unknown): number | null {
  if (typeof value === 'number') return value
  if (value === 'inf' || value === 'Infinity') return Number.POSITIVE_INFINITY
  if (value === '-inf' || value === '-Infinity') return Number.NEGATIVE_INFINITY
  if (value === 'nan' || value === 'NaN') return Number.NaN
  return null
}

export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return undefined
}
