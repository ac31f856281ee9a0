/** Reads an infolens report JSON file and checks it against the envelope schema. */
import {readFileSync} from 'node:fs'
import Ajv from 'ajv'
import {InputError} from '../errors.js'
import type {Report} from '../report/envelope.js'

const envelopeSchema = JSON.parse(readFileSync(new URL('../../schemas/envelope.schema.json', import.meta.url), 'utf8'))
const ajv = new (Ajv as unknown as typeof Ajv.default)({strict: false, validateFormats: false})
const validateEnvelope = ajv.compile(envelopeSchema)

export function readReportFile(path: string): Report<unknown> {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new InputError(code === 'ENOENT' ? 'file not found' : `cannot read file (${code})`, {file: path})
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new InputError(`expected a JSON report (${(error as Error).message})`, {file: path})
  }
  if (!validateEnvelope(json)) {
    const first = validateEnvelope.errors?.[0]
    const field = first ? (first.instancePath || '/') + (first.params && 'missingProperty' in first.params ? `${first.instancePath ? '/' : ''}${first.params.missingProperty}` : '') : '/'
    throw new InputError(`not an infolens report: ${first?.message ?? 'invalid'}`, {file: path, field})
  }
  return json as Report<unknown>
}
