/** Validates reports against the committed JSON Schemas in schemas/ (ajv, draft-07). */
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import assert from 'node:assert/strict'
import Ajv from 'ajv'
import addFormats from 'ajv-formats'

const schemaDir = new URL('../../schemas/', import.meta.url).pathname
const ajv = new (Ajv as unknown as typeof Ajv.default)({allErrors: true, strict: false})
;(addFormats as unknown as typeof addFormats.default)(ajv)
for (const file of readdirSync(schemaDir).filter((f) => f.endsWith('.json'))) {
  ajv.addSchema(JSON.parse(readFileSync(join(schemaDir, file), 'utf8')))
}

/** Asserts that `report` satisfies `schemas/<schemaFile>`; the message lists every violation. */
export function assertMatchesSchema(report: unknown, schemaFile: string): void {
  const validate = ajv.getSchema(schemaFile)
  assert.ok(validate, `no schema ${schemaFile} in schemas/`)
  const ok = validate(report)
  assert.ok(ok, `${schemaFile}: ${ajv.errorsText(validate.errors, {separator: '\n'})}`)
}
