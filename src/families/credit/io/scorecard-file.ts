/** Reads a scorecard saved by `credit scorecard --out FILE` (schema infolens.credit.scorecard/1). */
import {readReportResult} from '../../../core/io/report-file.js'
import type {Scorecard} from '../kernels/woe-scorecard.js'

export function readScorecardFile(file: string): Scorecard {
  return readReportResult<Scorecard>(file, 'infolens.credit.scorecard/1', 'credit scorecard', (r) =>
    Array.isArray((r as {features?: unknown} | undefined)?.features),
  )
}
