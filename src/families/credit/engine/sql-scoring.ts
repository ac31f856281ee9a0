/**
 * `credit score --engine duckdb|postgres`: every row scored in the engine. Each feature's bin key is
 * the counting queries' (./credit-queries.ts binKeySql, the in-process cell rules), and the row's points
 * and log-odds are summed left to right in feature order with the card's doubles as exact literals: the
 * same IEEE operations in the same order as `credit score` (../kernels/scorecard-score.ts,
 * ../kernels/woe-scorecard.ts rowLogits), so the engine returns the same doubles bit for bit. The rows come
 * back in the engine's scan order; the summary statistics computed from them do not depend on that order.
 */
import {InputError} from '../../../core/errors.js'
import type {CardFeature, Scorecard} from '../kernels/woe-scorecard.js'
import type {FeatureBinning} from '../kernels/feature-binning.js'
import {binKeySql, classSql, KEY_MISSING, keyOfSpecial, real, type Dialect} from './credit-queries.js'
import type {SqlRunner} from './sql-counting.js'

/** Per row, in the engine's scan order: points, log-odds, and the class when the table has the target. */
export interface ScoredRows {
  readonly scores: Float64Array
  readonly logits: Float64Array
  readonly classes: Uint8Array | null
}

/** CASE over a feature's bin key: the value of the bin the key names, `otherwise` where none does. */
function perBin(key: string, b: FeatureBinning, values: readonly number[], otherwise: number, d: Dialect): string {
  const regular = b.type === 'numeric' ? b.edges.length + 1 : b.groups.length
  const specialBase = regular + (b.missing ? 1 : 0)
  const whens = [
    `WHEN ${KEY_MISSING} THEN ${real(b.missing ? values[regular] : otherwise, d)}`,
    ...b.special.map((_, i) => `WHEN ${keyOfSpecial(i)} THEN ${real(values[specialBase + i], d)}`),
    ...Array.from({length: regular}, (_, i) => `WHEN ${i} THEN ${real(values[i], d)}`),
  ]
  return `(CASE ${key} ${whens.join(' ')} ELSE ${real(otherwise, d)} END)`
}

/** The scoring query: bin keys in a subquery, then the two left-to-right sums over them. */
export function scoreRowsSql(
  relation: string,
  card: Scorecard,
  columns: readonly {name: string; numericType: boolean}[],
  target: {name: string; numericType: boolean} | null,
  d: Dialect,
): string {
  const keyed = card.features.map((f: CardFeature, j) => {
    const column = columns.find((c) => c.name === f.binning.feature)!
    return `${binKeySql({kind: 'bins', column, binning: f.binning as FeatureBinning}, d)} AS k${j}`
  })
  const points = card.features.map((f, j) =>
    perBin(`k${j}`, f.binning as FeatureBinning, f.points, f.unmatched_points, d),
  )
  const logit = [
    real(card.intercept.coefficient, d),
    ...card.features.map(
      (f, j) => `${real(f.coefficient, d)} * ${perBin(`k${j}`, f.binning as FeatureBinning, f.binning.woe, 0, d)}`,
    ),
  ]
  return [
    `SELECT ${points.join(' + ')} AS score,`,
    `  ${logit.join(' + ')} AS logit,`,
    `  cls`,
    `FROM (SELECT ${[...keyed, `${classSql(target, card.bad_label, d)} AS cls`].join(',\n  ')} FROM ${relation} AS src) AS keyed`,
  ].join('\n')
}

/** Scores every row of `source` in the engine. */
export async function scoreRowsInEngine(r: SqlRunner, source: string, card: Scorecard): Promise<ScoredRows> {
  const columns = await r.columns(source)
  for (const f of card.features)
    if (!columns.some((c) => c.name === f.binning.feature))
      throw new InputError('feature column of the scorecard not found', {file: source, field: f.binning.feature})
  const target = columns.find((c) => c.name === card.target) ?? null
  const rows = await r.run(scoreRowsSql(r.relation(source), card, columns, target, r.dialect))
  const scores = new Float64Array(rows.length)
  const logits = new Float64Array(rows.length)
  const classes = target ? new Uint8Array(rows.length) : null
  rows.forEach((row, i) => {
    scores[i] = Number(row.score)
    logits[i] = Number(row.logit)
    if (classes) classes[i] = Number(row.cls) === 1 ? 1 : 0
  })
  return {scores, logits, classes}
}
