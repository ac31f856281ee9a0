/**
 * Reads a binning saved by `credit bin --out FILE` (a report with schema
 * infolens.credit.bin/1): the binnings with their WoE per bin, plus the target they were
 * fitted for. Anything else is a one-line InputError naming the file.
 */
import {readReportResult} from '../../../core/io/report-file.js'
import type {BinResult} from '../kernels/bin-features.js'

export function readBinningFile(file: string): BinResult {
  return readReportResult<BinResult>(file, 'infolens.credit.bin/1', 'credit bin', (r) =>
    Array.isArray((r as {features?: unknown} | undefined)?.features),
  )
}
