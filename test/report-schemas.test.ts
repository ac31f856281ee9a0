/** schemas/*.json are generated from TypeBox sources (src/report-schemas.ts): each committed file must be what they generate. */
import {readdirSync, readFileSync} from 'node:fs'
import assert from 'node:assert/strict'
import {test} from 'node:test'
import {formatSchemaDocument, schemaDocuments} from '../src/report-schemas.js'

const schemaDir = new URL('../schemas/', import.meta.url)

test('every file in schemas/ has a TypeBox source and every source a file', () => {
  const committed = readdirSync(schemaDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
  assert.deepEqual(committed, Object.keys(schemaDocuments).sort())
})

for (const [file, document] of Object.entries(schemaDocuments)) {
  test(`schemas/${file} is what its TypeBox source generates (npm run schemas)`, () => {
    const committed = readFileSync(new URL(file, schemaDir), 'utf8')
    assert.equal(committed, formatSchemaDocument(document), `schemas/${file} is stale: run npm run schemas`)
  })
  test(`schemas/${file} keeps its $id`, () => {
    assert.equal((document as {$id?: string}).$id, file)
  })
}
