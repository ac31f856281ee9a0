/** Reads a scorecard saved by `credit scorecard --out FILE` (schema infolens.credit.scorecard/1). */
import {readFileSync} from 'node:fs'
import {InputError} from '../../errors.js'
import type {Scorecard} from '../../kernels/credit/woe-scorecard.js'

export function readScorecardFile(file: string): Scorecard {
  let doc: {schema?: string; result?: Scorecard}
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new InputError(code === 'ENOENT' ? 'file not found' : 'not a JSON document', {file})
  }
  if (doc.schema !== 'infolens.credit.scorecard/1' || !Array.isArray(doc.result?.features)) {
    throw new InputError('expected a report of `infolens credit scorecard` (schema infolens.credit.scorecard/1)', {file, field: 'schema'})
  }
  return doc.result
}
