/**
 * `report render` sections of the LLM-uncertainty reports: `uq score`
 * (`infolens.uq/1`: per-item measures, summarised here as mean/sd/min/max per
 * measure), `uq evaluate` (`infolens.uq.evaluate/1`: how well each measure ranks
 * correct answers above wrong ones: AUROC, prediction-rejection ratio, average
 * precision, calibrated Brier, with bootstrap sds) and `uq tsu`
 * (`infolens.uq.tsu/1`: temperature sensitivity of uncertainty, in %).
 * `uq demo`, `uq generate` and `uq perturb` are flat run logs; registry.ts
 * gives them the generic section.
 */
import type {Report} from '../../../core/report/envelope.js'
import {boundedTable} from '../../../core/report/render/bounded-table.js'
import {markdownKeyValues, type MarkdownCell} from '../../../core/report/render/markdown.js'
import {asArray, asRecord, asRecords, numberOf, textOf, type Fields} from '../../../core/report/render/result-fields.js'

/** Mean, population sd, min and max of the finite values (null when there are none). */
function describe(values: readonly number[]): {
  n: number
  mean: number | null
  sd: number | null
  min: number | null
  max: number | null
} {
  const x = values.filter(Number.isFinite)
  if (x.length === 0) return {n: 0, mean: null, sd: null, min: null, max: null}
  const mean = x.reduce((a, b) => a + b, 0) / x.length
  const sd = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length)
  return {n: x.length, mean, sd, min: Math.min(...x), max: Math.max(...x)}
}

/** A temperature as written in the input (0.7, not 0.7000). */
const temperatureText = (t: unknown): string => {
  const x = numberOf(t)
  return x === null ? '?' : String(Number(x.toPrecision(6)))
}

function skippedText(skipped: unknown): number | null {
  return numberOf(asRecord(skipped).count)
}

function renderScore(r: Fields): string {
  const rows = asRecords(r.rows)
  const measures = asArray(r.measures).map(String)
  const temperatures = [
    ...new Set(rows.map((row) => numberOf(row.temperature)).filter((t): t is number => t !== null)),
  ].sort((a, b) => a - b)
  const correct = rows.map((row) => numberOf(row.correct)).filter((c): c is number => c !== null)
  const table = measures.map((m): MarkdownCell[] => {
    const d = describe(rows.map((row) => numberOf(row[m])).filter((v): v is number => v !== null))
    return [m, d.n, d.mean, d.sd, d.min, d.max]
  })
  return [
    '#### Uncertainty scores',
    markdownKeyValues([
      ['items', numberOf(r.items)],
      ['rows (item × temperature)', rows.length],
      ['temperatures', temperatures.map(temperatureText).join(', ') || undefined],
      ['labelled rows', correct.length],
      [
        'accuracy (labelled rows)',
        correct.length > 0 ? correct.reduce((a, b) => a + b, 0) / correct.length : undefined,
      ],
      ['skipped input lines', skippedText(r.skipped)],
    ]),
    '#### Measures over all rows',
    boundedTable(['measure', 'n', 'mean', 'sd', 'min', 'max'], table, 'measures'),
  ].join('\n\n')
}

function renderEvaluate(r: Fields): string {
  const measures = asRecords(r.measures).sort(
    (a, b) => (numberOf(b.auroc) ?? -Infinity) - (numberOf(a.auroc) ?? -Infinity),
  )
  const sd = (m: Fields, key: string) =>
    numberOf(asRecord(asRecord(m.bootstrap)[key]).sd ?? asRecord(asRecord(m.bootstrap)[key]).std)
  const rows = measures.map((m): MarkdownCell[] => [
    textOf(m.measure),
    numberOf(m.items),
    numberOf(m.auroc),
    sd(m, 'auroc'),
    numberOf(m.prr),
    sd(m, 'prr'),
    numberOf(m.ap),
    numberOf(m.brier),
  ])
  return [
    '#### Evaluation',
    markdownKeyValues([
      ['items', numberOf(r.items)],
      ['accuracy', numberOf(r.accuracy)],
      ['temperature', r.temperature === null ? 'all' : numberOf(r.temperature)],
      ['bootstrap resamples', numberOf(r.resamples)],
      ['skipped input lines', skippedText(r.skipped)],
    ]),
    '#### Metrics per measure (highest AUROC first)',
    'Confidence = −uncertainty, positive = correct answer; sd = bootstrap standard deviation; PRR = prediction-rejection ratio; AP = average precision; Brier after isotonic calibration.',
    boundedTable(['measure', 'items', 'AUROC', 'AUROC sd', 'PRR', 'PRR sd', 'AP', 'Brier'], rows, 'measures'),
  ].join('\n\n')
}

function pairLabel(p: Fields): string {
  return asArray(p.temperatures).map(temperatureText).join('→')
}

function renderTsu(r: Fields): string {
  const measures = asRecords(r.measures)
  const pairs = asRecords(measures[0]?.pairs)
  const perPair = pairs.length > 0 && pairs.length <= 7
  const head = ['measure', 'TSU all (%)', ...(perPair ? pairs.map(pairLabel) : ['pairs min', 'pairs max'])]
  const rows = measures.map((m): MarkdownCell[] => {
    const values = asRecords(m.pairs).map((p) => numberOf(p.tsu))
    const d = describe(values.filter((v): v is number => v !== null))
    return [textOf(m.measure), numberOf(asRecord(m.all).tsu), ...(perPair ? values : [d.min, d.max])]
  })
  return [
    '#### Temperature sensitivity of uncertainty',
    markdownKeyValues([
      ['items', numberOf(r.items)],
      ['temperatures', asArray(r.temperatures).map(temperatureText).join(', ') || undefined],
      ['skipped input lines', skippedText(r.skipped)],
    ]),
    '#### TSU per measure (% of items whose uncertainty strictly increases with temperature)',
    boundedTable(head, rows, 'measures'),
  ].join('\n\n')
}

export const uqSections = {
  score: (report: Report<unknown>) => renderScore(asRecord(report.result)),
  evaluate: (report: Report<unknown>) => renderEvaluate(asRecord(report.result)),
  tsu: (report: Report<unknown>) => renderTsu(asRecord(report.result)),
}
