/** Applies a compiled --fail-on predicate to report rows. */
import {InputError} from '../../../core/errors.js'
import {gateFields, type Predicate} from '../../../core/report/gate-expression.js'

export function gateFailures(
  rows: readonly ({name: string} & Record<string, unknown>)[],
  predicate: Predicate | undefined,
): string[] {
  if (!predicate) return []
  return rows.filter((r) => predicate(r)).map((r) => r.name)
}

/**
 * A comparison with a null field is false, so a gate over layers that all lack one of its fields (every
 * fit failed: alpha null; mp_softrank without --mp-fit) would pass without having judged that part on a
 * single layer. That is bad input, not a pass.
 */
export function checkGateJudgesSomething(
  rows: readonly Record<string, unknown>[],
  expression: string | undefined,
  file: string,
): void {
  if (expression === undefined) return
  const judged = (f: string) => rows.some((r) => typeof r[f] === 'number' && Number.isFinite(r[f]))
  const missing = gateFields(expression).filter((f) => !judged(f))
  if (missing.length === 0) return
  throw new InputError(
    `expected a value of ${missing.join(', ')} in at least one layer to judge, got none of ${rows.length} layer(s)`,
    {file, field: '--fail-on'},
  )
}
