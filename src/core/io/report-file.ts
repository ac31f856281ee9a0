/** Reads an infolens report JSON file and checks it against the envelope schema. */
import {readdirSync, readFileSync} from 'node:fs'
import {readJsonFile} from './json-file.js'
import Ajv from 'ajv'
import {InputError} from '../errors.js'
import type {Report} from '../report/envelope.js'

const envelopeSchema = JSON.parse(
  readFileSync(new URL('../../../schemas/envelope.schema.json', import.meta.url), 'utf8'),
)
const ajv = new (Ajv as unknown as typeof Ajv.default)({strict: false, validateFormats: false})
const validateEnvelope = ajv.compile(envelopeSchema)
const schemaDir = new URL('../../../schemas/', import.meta.url)

let bySchemaId: Map<string, string> | undefined
/** Report schema id (`infolens.spectral/1`) → the committed JSON Schema file that describes its result. */
function resultSchemas(): Map<string, string> {
  if (bySchemaId) return bySchemaId
  bySchemaId = new Map()
  for (const file of readdirSync(schemaDir).filter((f) => f.endsWith('.schema.json'))) {
    const text = readFileSync(new URL(file, schemaDir), 'utf8')
    const schema = JSON.parse(text) as {$id: string}
    if (schema.$id !== envelopeSchema.$id) ajv.addSchema(schema)
    for (const m of text.matchAll(/"const":\s*"(infolens\.[a-z.]+\/\d+)"/g)) bySchemaId.set(m[1], schema.$id)
  }
  return bySchemaId
}

/** A corrupted result (layers not a list, a field of the wrong type) must not render as an empty report. */
function checkResult(json: {schema: string}, path: string): void {
  const name = json.schema
  const id = resultSchemas().get(name)
  const validate = id === undefined ? undefined : ajv.getSchema(id)
  if (!validate || validate(json)) return
  const first = validate.errors?.[0]
  throw new InputError(`expected a valid ${name} report: ${first?.message ?? 'invalid'}`, {
    file: path,
    field: first?.instancePath || '/',
  })
}

export function readReportFile(path: string): Report<unknown> {
  const json = readJsonFile(path, 'a JSON report')
  if (!validateEnvelope(json)) {
    const first = validateEnvelope.errors?.[0]
    const field = first
      ? (first.instancePath || '/') +
        (first.params && 'missingProperty' in first.params
          ? `${first.instancePath ? '/' : ''}${first.params.missingProperty}`
          : '')
      : '/'
    throw new InputError(`not an infolens report: ${first?.message ?? 'invalid'}`, {file: path, field})
  }
  checkResult(json as {schema: string}, path)
  return json as Report<unknown>
}

/**
 * The `result` of a report written by one infolens command (e.g. the binning that
 * `credit bin --out` saved), after checking its schema id and that `isResult` accepts it.
 */
export function readReportResult<T>(
  path: string,
  schema: string,
  command: string,
  isResult: (result: unknown) => boolean,
): T {
  const doc = readJsonFile(path, `a report of \`infolens ${command}\``) as {schema?: unknown; result?: unknown} | null
  if (doc === null || typeof doc !== 'object' || doc.schema !== schema || !isResult(doc.result)) {
    throw new InputError(`expected a report of \`infolens ${command}\` (schema ${schema})`, {
      file: path,
      field: 'schema',
    })
  }
  return doc.result as T
}
