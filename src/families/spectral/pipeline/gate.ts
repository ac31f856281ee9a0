/** Applies a compiled --fail-on predicate to report rows. */
import type {Predicate} from '../../../core/report/gate-expression.js'

export function gateFailures(
  rows: readonly ({name: string} & Record<string, unknown>)[],
  predicate: Predicate | undefined,
): string[] {
  if (!predicate) return []
  return rows.filter((r) => predicate(r)).map((r) => r.name)
}
