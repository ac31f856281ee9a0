/**
 * Writes schemas/*.json from their TypeBox sources (src/report-schemas.ts). Run with `npm run schemas`
 * after changing a schema source; test/report-schemas.test.ts fails while a committed file is stale.
 * `--check` writes nothing and exits 1 listing the stale files.
 */
import {readFileSync, writeFileSync} from 'node:fs'
import {formatSchemaDocument, schemaDocuments} from '../src/report-schemas.js'

const dir = new URL('../schemas/', import.meta.url)
const check = process.argv.includes('--check')
const stale: string[] = []
for (const [file, document] of Object.entries(schemaDocuments)) {
  const text = formatSchemaDocument(document)
  const url = new URL(file, dir)
  let current: string | undefined
  try {
    current = readFileSync(url, 'utf8')
  } catch {
    current = undefined
  }
  if (current === text) continue
  stale.push(file)
  if (!check) writeFileSync(url, text)
}
if (check && stale.length > 0) {
  console.error(`stale schemas (run npm run schemas): ${stale.join(', ')}`)
  process.exitCode = 1
} else if (!check) {
  console.log(stale.length === 0 ? 'schemas/ is up to date' : `wrote ${stale.map((f) => `schemas/${f}`).join(', ')}`)
}
