/**
 * Reads a binning saved by `credit bin --out FILE` (a report with schema
 * infolens.credit.bin/1): the binnings with their WoE per bin, plus the target they were
 * fitted for. Anything else is a one-line InputError naming the file.
 */
import {readFileSync} from 'node:fs'
import {InputError} from '../../errors.js'
import type {BinResult} from '../../kernels/credit/bin-features.js'

export function readBinningFile(file: string): BinResult {
  let doc: {schema?: string; result?: BinResult}
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new InputError(code === 'ENOENT' ? 'file not found' : 'not a JSON document', {file})
  }
  if (doc.schema !== 'infolens.credit.bin/1' || !Array.isArray(doc.result?.features)) {
    throw new InputError('expected a report of `infolens credit bin` (schema infolens.credit.bin/1)', {file, field: 'schema'})
  }
  return doc.result
}
