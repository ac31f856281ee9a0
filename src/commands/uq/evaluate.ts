import {Args, Flags} from '@oclif/core'
import {InfolensCommand} from '../../base-command.js'
import {floatFlag, integerFlag} from '../../core/cli/numeric-flags.js'
import {createXoshiro128} from '../../core/random/xoshiro128.js'
import {
  bootstrapIndices,
  evaluateMeasures,
  type MeasureEvaluation,
} from '../../families/uq/kernels/uncertainty-evaluation.js'
import {measureColumns, selectRunRows} from '../../families/uq/render/measure-columns.js'
import {scoreUqFile} from '../../families/uq/pipeline/score.js'
import {scoringOptionsFromFlags, uqScoringFlags, type UqScoringFlagValues} from '../../families/uq/flags.js'
import {writeRejectionCurvesSvg} from '../../families/uq/render/rejection-plot.js'
import type {Report} from '../../core/report/envelope.js'
import {renderUqEvaluation} from '../../families/uq/render/tables.js'

export interface UqEvaluateResult {
  items: number
  accuracy: number
  resamples: number
  temperature: number | null
  measures: MeasureEvaluation[]
  skipped: {count: number; lines: {line: number; field: string; message: string}[]}
}

export default class UqEvaluate extends InfolensCommand<Report<UqEvaluateResult>> {
  static override summary =
    "AUROC, PRR, average precision and isotonic Brier of every measure against the items' `correct` labels, with bootstrap mean ± std."
  static override description = 'Exit codes: 0 ok, 1 internal error, 2 bad input (including an item without `correct`).'
  static override examples = [
    '<%= config.bin %> uq evaluate items.jsonl --bootstrap 100 --seed 42',
    '<%= config.bin %> uq evaluate items.jsonl --svg rejection.svg --json',
  ]
  static override args = {
    file: Args.file({required: true, description: 'inv-entropy/v1 JSONL file whose items carry `correct`'}),
  }
  static override flags = {
    ...uqScoringFlags,
    bootstrap: integerFlag({
      min: 0,
      max: 100000,
      default: 100,
      summary: 'Bootstrap resamples of items (released code 100, paper 40).',
    }),
    temperature: floatFlag({min: 0, summary: "Evaluate the run at this temperature (default: each item's first run)."}),
    svg: Flags.string({
      summary: 'Write prediction-rejection curves of every measure to this SVG file.',
      helpValue: 'FILE',
    }),
  }

  async run(): Promise<Report<UqEvaluateResult>> {
    const {args, flags} = await this.parseWithBase(UqEvaluate)
    const scoring = scoringOptionsFromFlags(flags as unknown as UqScoringFlagValues)
    const temperature = flags.temperature
    const scored = await this.stopwatch.time('score', () =>
      scoreUqFile(args.file, {scoring, skipBad: flags['skip-bad'], requireCorrect: true, threads: flags.threads ?? 1}),
    )
    const rows = selectRunRows(scored.rows, args.file, temperature)
    const labels = Int8Array.from(rows, (r) => r.correct ?? 0)
    const columns = measureColumns(rows, scored.measures)
    const resamples = bootstrapIndices(rows.length, flags.bootstrap, createXoshiro128(scoring.seed, -1))
    const measures = this.stopwatch.time('evaluate', () => evaluateMeasures(labels, columns, resamples))
    if (flags.svg)
      await this.stopwatch.time('plot', () => writeRejectionCurvesSvg(flags.svg as string, labels, columns))
    const result: UqEvaluateResult = {
      items: rows.length,
      accuracy: labels.reduce((a, b) => a + b, 0) / Math.max(1, rows.length),
      resamples: flags.bootstrap,
      temperature: temperature ?? null,
      measures: await measures,
      skipped: {count: scored.bad.length, lines: scored.bad},
    }
    const options = {...scoring, bootstrap: flags.bootstrap, temperature: temperature ?? null, svg: flags.svg ?? null}
    const report = await this.envelope({
      schema: 'infolens.uq.evaluate/1',
      inputs: [args.file],
      options,
      seed: scoring.seed,
      result,
    })
    return this.emit(report, (r) => renderUqEvaluation(r.result))
  }
}
