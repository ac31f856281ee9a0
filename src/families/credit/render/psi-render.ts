/** Terminal rendering of `credit psi`, sorted by PSI. */
import type {PsiFeature} from '../kernels/psi-features.js'
import {formatNumber, renderTable, style} from '../../../core/terminal/terminal.js'

export function renderPsi(r: {
  expected_rows: number
  actual_rows: number
  alpha: number
  features: readonly PsiFeature[]
  drifted: readonly string[]
}): string {
  const rows = [...r.features].sort((a, b) => b.psi - a.psi)
  const table = renderTable(
    ['feature', 'bins', 'PSI', 'SE', 'χ²', 'p', 'critical PSI', 'drift (χ²)', 'rule 0.1/0.25'],
    rows.map((f) => [
      f.feature,
      f.bins,
      f.psi,
      f.psi_se_delta,
      f.chi2_stat,
      formatNumber(f.chi2_p, 3),
      f.critical_psi,
      f.drift ? style.red('yes') : 'no',
      f.rule_of_thumb,
    ]),
  )
  return `expected ${r.expected_rows} rows, actual ${r.actual_rows} rows, α = ${r.alpha}\n${table}`
}
