/** Picks one run per item and turns score rows into per-measure columns for evaluation and TSU. */
import {InputError} from '../../../core/errors.js'
import type {UqScoreRow} from '../pipeline/score.js'

/** The row of each item for the requested temperature (or each item's first run when undefined). */
export function selectRunRows(rows: readonly UqScoreRow[], file: string, temperature?: number): UqScoreRow[] {
  const byId = new Map<string, UqScoreRow>()
  for (const row of rows) {
    if (temperature === undefined ? row.run === 0 : row.temperature === temperature) {
      if (!byId.has(row.id)) byId.set(row.id, row)
    }
  }
  if (temperature !== undefined) {
    const missing = rows.find((r) => !byId.has(r.id))
    if (missing)
      throw new InputError(`expected a run at temperature ${temperature} (--temperature)`, {
        file: `${file}:${missing.line}`,
        field: 'runs[].temperature',
      })
  }
  return [...byId.values()]
}

export function measureColumns(
  rows: readonly UqScoreRow[],
  measures: readonly string[],
): {measure: string; values: (number | null)[]}[] {
  return measures
    .map((measure) => ({
      measure,
      values: rows.map((r) => (typeof r[measure] === 'number' ? (r[measure] as number) : null)),
    }))
    .filter((c) => c.values.some((v) => v !== null))
}
