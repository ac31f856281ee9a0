import {Args} from '@oclif/core'
import {InfolensCommand} from '../../base-command.js'
import {scoreUqFile, type UqScoreRow} from '../../families/uq/pipeline/score.js'
import {scoringOptionsFromFlags, uqScoringFlags, type UqScoringFlagValues} from '../../families/uq/flags.js'
import {renderUqScores} from '../../families/uq/render/tables.js'
import type {Report} from '../../core/report/envelope.js'
import type {UqBadLine} from '../../families/uq/io/items-jsonl.js'

export interface UqScoreResult {
  items: number
  measures: string[]
  rows: UqScoreRow[]
  skipped: {count: number; lines: UqBadLine[]}
}

export default class UqScore extends InfolensCommand<Report<UqScoreResult>> {
  static override summary =
    'Inv-Entropy, its sibling measures and the baselines for every question of an inv-entropy/v1 JSONL file.'
  static override description =
    'One row per item and run (temperature). Exit codes: 0 ok, 1 internal error, 2 bad input.'
  static override examples = [
    '<%= config.bin %> uq score items.jsonl --draws 20 --seed 7',
    '<%= config.bin %> uq score items.jsonl --similarity shifted-cos --json',
  ]
  static override args = {file: Args.file({required: true, description: 'inv-entropy/v1 JSONL file'})}
  static override flags = {...uqScoringFlags}

  async run(): Promise<Report<UqScoreResult>> {
    const {args, flags} = await this.parseWithBase(UqScore)
    const scoring = scoringOptionsFromFlags(flags as unknown as UqScoringFlagValues)
    const bar = this.progress(100, 'scoring')
    let shown = 0
    const scored = await this.stopwatch.time('score', () =>
      scoreUqFile(args.file, {
        scoring,
        skipBad: flags['skip-bad'],
        threads: flags.threads ?? 1,
        onProgress: (b, total) => {
          const pct = Math.floor((100 * b) / Math.max(1, total))
          if (pct > shown) bar.tick(pct - shown)
          shown = Math.max(shown, pct)
        },
      }),
    )
    bar.stop()
    const result = {
      items: scored.items,
      measures: scored.measures,
      rows: scored.rows,
      skipped: {count: scored.bad.length, lines: scored.bad},
    }
    const warnings = scored.bad.length > 0 ? [`skipped ${scored.bad.length} malformed line(s) (--skip-bad)`] : []
    const report = await this.envelope({
      schema: 'infolens.uq/1',
      inputs: [args.file],
      options: {...scoring},
      seed: scoring.seed,
      warnings,
      result,
    })
    return this.emit(report, (r) => renderUqScores(r.result))
  }
}
