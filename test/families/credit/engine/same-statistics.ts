/**
 * Asserts that two `credit bin` or `credit psi` results carry the same statistics: every number of
 * every feature (IV, bias-corrected IV, the SEs, χ², p-values, thresholds, PSI and its SE, the
 * per-bin tables) within a relative tolerance, the same bins and labels.
 */
import assert from 'node:assert/strict'

/** The tolerance: every IV/PSI/SE equal to 1e-12 across engines. */
export const ENGINE_REL_TOL = 1e-12

function close(a: unknown, b: unknown, path: string, tol: number): number {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) && Number.isNaN(b)) return 0
    const d = Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b))
    assert.ok(d <= tol, `${path}: ${a} vs ${b} (relative ${d})`)
    return d
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    assert.equal(a.length, b.length, `${path}: length`)
    return Math.max(0, ...a.map((x, i) => close(x, b[i], `${path}[${i}]`, tol)))
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    let worst = 0
    for (const k of Object.keys(a as object)) {
      if (k === 'notes' || k === 'method') continue
      worst = Math.max(worst, close((a as any)[k], (b as any)[k], `${path}.${k}`, tol))
    }
    return worst
  }
  assert.deepEqual(a, b, path)
  return 0
}

/** Compares the `features` of two results (bin or psi) and the row totals; returns the worst relative gap. */
export function assertSameStatistics(expected: any, actual: any, tol = ENGINE_REL_TOL): number {
  for (const k of ['rows', 'goods', 'bads', 'expected_rows', 'actual_rows'])
    if (k in expected) assert.equal(actual[k], expected[k], k)
  assert.deepEqual(
    actual.features.map((f: any) => f.feature),
    expected.features.map((f: any) => f.feature),
  )
  return close(expected.features, actual.features, 'features', tol)
}
