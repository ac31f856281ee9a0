/** Terminal rendering of `credit scorecard`: coefficients, points ranges and metrics. */
import type {Scorecard} from '../kernels/woe-scorecard.js'
import {formatNumber, renderKeyValues, renderTable} from '../../../core/terminal/terminal.js'

export function renderScorecard(c: Scorecard): string {
  const coef = renderTable(
    ['term', 'coef', 'SE', 'z', 'p', 'IV', 'points min', 'points max'],
    [
      [
        '(intercept)',
        c.intercept.coefficient,
        c.intercept.se,
        c.intercept.z,
        formatNumber(c.intercept.p, 3),
        null,
        null,
        null,
      ],
      ...c.features.map((f) => [
        f.feature,
        f.coefficient,
        f.se,
        f.z,
        formatNumber(f.p, 3),
        f.iv,
        Math.min(...f.points),
        Math.max(...f.points),
      ]),
    ],
  )
  const metrics = renderKeyValues([
    [
      'scaling',
      `PDO ${c.scaling.pdo}, ${c.scaling.base_points} points at ${c.scaling.base_odds}:1; factor ${formatNumber(c.scaling.factor)}, offset ${formatNumber(c.scaling.offset)}`,
    ],
    [
      'train AUC / KS / Gini',
      `${formatNumber(c.train.auc)} / ${formatNumber(c.train.ks)} / ${formatNumber(c.train.gini)} (${c.train.rows} rows)`,
    ],
    [
      'test AUC / KS / Gini',
      c.test
        ? `${formatNumber(c.test.auc)} / ${formatNumber(c.test.ks)} / ${formatNumber(c.test.gini)} (${c.test.rows} rows)`
        : '-',
    ],
    [
      'score PSI train→test',
      c.score_psi
        ? `${formatNumber(c.score_psi.psi)} (SE ${formatNumber(c.score_psi.psi_se_delta)}, p ${formatNumber(c.score_psi.chi2_p, 3)})`
        : '-',
    ],
    ['IRLS', `${c.iterations} iterations, converged ${c.converged}`],
  ])
  return `${coef}\n${metrics}`
}
