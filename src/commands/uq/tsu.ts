import {Args} from '@oclif/core'
import {InfolensCommand} from '../../base-command.js'
import {temperatureSensitivity, type TsuValue} from '../../families/uq/kernels/temperature-sensitivity.js'
import {scoreUqFile} from '../../families/uq/pipeline/score.js'
import {scoringOptionsFromFlags, uqScoringFlags, type UqScoringFlagValues} from '../../families/uq/flags.js'
import type {Report} from '../../core/report/envelope.js'
import {renderUqTsu} from '../../families/uq/render/tables.js'

export interface UqTsuResult {
  items: number
  temperatures: number[]
  measures: {measure: string; all: TsuValue; pairs: TsuValue[]}[]
  skipped: {count: number; lines: {line: number; field: string; message: string}[]}
}

export default class UqTsu extends InfolensCommand<Report<UqTsuResult>> {
  static override summary =
    "Temperature Sensitivity of Uncertainty: % of items whose uncertainty strictly increases with the runs' temperatures."
  static override description =
    'Every measure, over all temperatures present and for every pair. Exit codes: 0 ok, 1 internal error, 2 bad input.'
  static override examples = ['<%= config.bin %> uq tsu items-tsu.jsonl']
  static override args = {
    file: Args.file({
      required: true,
      description: 'inv-entropy/v1 JSONL file with several runs (temperatures) per item',
    }),
  }
  static override flags = {...uqScoringFlags}

  async run(): Promise<Report<UqTsuResult>> {
    const {args, flags} = await this.parseWithBase(UqTsu)
    const scoring = scoringOptionsFromFlags(flags as unknown as UqScoringFlagValues)
    const scored = await this.stopwatch.time('score', () =>
      scoreUqFile(args.file, {scoring, skipBad: flags['skip-bad'], threads: flags.threads ?? 1}),
    )
    const temperatures = [...new Set(scored.rows.map((r) => r.temperature))].sort((a, b) => a - b)
    const ids = [...new Set(scored.rows.map((r) => r.id))]
    const pairs = temperatures.flatMap((a, i) => temperatures.slice(i + 1).map((b) => [a, b]))
    const measures = scored.measures.map((measure) => {
      const series = ids.map(() => new Map<number, number | null>())
      const index = new Map(ids.map((id, i) => [id, i]))
      for (const r of scored.rows)
        series[index.get(r.id)!].set(r.temperature, typeof r[measure] === 'number' ? (r[measure] as number) : null)
      return {
        measure,
        all: temperatureSensitivity(series, temperatures),
        pairs: pairs.map((p) => temperatureSensitivity(series, p)),
      }
    })
    const result = {
      items: ids.length,
      temperatures,
      measures: measures.filter((m) => m.all.items > 0),
      skipped: {count: scored.bad.length, lines: scored.bad},
    }
    const report = await this.envelope({
      schema: 'infolens.uq.tsu/1',
      inputs: [args.file],
      options: {...scoring},
      seed: scoring.seed,
      result,
    })
    return this.emit(report, (r) => renderUqTsu(r.result))
  }
}
