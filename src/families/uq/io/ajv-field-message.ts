/**
 * One line a user can act on from an ajv schema error: the JSON pointer turned into the field path
 * infolens prints (`/runs/0/inputs/1` → `runs[0].inputs[1]`) and what was expected there.
 */
import type {ErrorObject} from 'ajv'

/** `/runs/0/inputs/1` → `runs[0].inputs[1]`. */
function fieldPath(pointer: string, extra?: string): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
  if (extra !== undefined) parts.push(extra)
  let out = ''
  for (const p of parts) out += /^\d+$/.test(p) ? `[${p}]` : out === '' ? p : `.${p}`
  return out === '' ? '(item)' : out
}

export function describeAjvError(e: ErrorObject): [string, string] {
  const p = e.params as Record<string, unknown>
  switch (e.keyword) {
    case 'required':
      return [fieldPath(e.instancePath, String(p.missingProperty)), 'required field is missing']
    case 'type':
      return [fieldPath(e.instancePath), `expected ${String(p.type).replace(',', ' or ')}`]
    case 'minItems':
      return [fieldPath(e.instancePath), `expected at least ${String(p.limit)} item(s)`]
    case 'maxItems':
      return [fieldPath(e.instancePath), `expected at most ${String(p.limit)} item(s)`]
    case 'enum':
      return [
        fieldPath(e.instancePath),
        `expected one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      ]
    case 'const':
      return [fieldPath(e.instancePath), `expected ${JSON.stringify(p.allowedValue)}`]
    default:
      return [fieldPath(e.instancePath), `expected a value that ${e.message ?? 'matches the schema'}`]
  }
}
