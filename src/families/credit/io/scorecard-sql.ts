/**
 * Exports a scorecard as one SQL query: the score is the sum, left to right, of one CASE
 * expression per feature returning that feature's points, with the same doubles and the
 * same order as `credit score` (../../kernels/credit/scorecard-score.ts), so both give
 * identical scores. Missing values are SQL NULL or the missing tokens of cell-value.ts; numeric columns must be stored as
 * numbers; rows matching no bin get the unmatched points (WoE 0). ANSI SQL (tested on SQLite).
 */
import {MISSING_TOKENS} from '../kernels/cell-value.js'
import type {CardFeature, Scorecard} from '../kernels/woe-scorecard.js'

function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

function text(value: string): string {
  return `'${value.replaceAll("'", "''")}'`
}

/** A double literal that round-trips exactly and is never read as an integer. */
function real(x: number): string {
  const s = String(x)
  return /[.eE]/.test(s) ? s : `${s}.0`
}

function featureCase(f: CardFeature): string {
  const b = f.binning
  const col = ident(b.feature)
  const whens: string[] = []
  const regular = b.type === 'numeric' ? b.edges.length + 1 : b.groups.length
  // NULL, or a text cell holding one of `credit score`'s missing tokens
  whens.push(
    `WHEN ${col} IS NULL OR TRIM(${col}) IN (${MISSING_TOKENS.map(text).join(', ')}) THEN ${real(b.missing ? f.points[regular] : f.unmatched_points)}`,
  )
  const specialBase = regular + (b.missing ? 1 : 0)
  b.special.forEach((s, i) => {
    const literal =
      b.type === 'numeric' && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s.trim()) ? real(Number(s)) : text(s)
    whens.push(`WHEN ${col} = ${literal} THEN ${real(f.points[specialBase + i])}`)
  })
  if (b.type === 'numeric') {
    const op = b.closed === 'right' ? '<=' : '<'
    b.edges.forEach((e, i) => whens.push(`WHEN ${col} ${op} ${real(e)} THEN ${real(f.points[i])}`))
    return `(CASE ${whens.join(' ')} ELSE ${real(f.points[b.edges.length])} END)`
  }
  b.groups.forEach((g, i) => whens.push(`WHEN ${col} IN (${g.map(text).join(', ')}) THEN ${real(f.points[i])}`))
  return `(CASE ${whens.join(' ')} ELSE ${real(f.unmatched_points)} END)`
}

/** The score expression alone. */
export function scorecardSqlExpression(card: Scorecard): string {
  return card.features.map(featureCase).join('\n  + ')
}

/** SELECT *, <score> AS score FROM table. */
export function scorecardSql(card: Scorecard, table: string): string {
  return `-- infolens credit scorecard: score = sum of feature points (PDO ${card.scaling.pdo}, ${card.scaling.base_points} points at ${card.scaling.base_odds}:1 good:bad)\nSELECT *,\n  ${scorecardSqlExpression(card)}\n  AS score\nFROM ${ident(table)};\n`
}
