/**
 * Reads a `--params FILE.json` of school parameters (dewi-kadita's config keys, e.g.
 * `{"n_fish": 200, "r_attraction": 12.5}`); unknown keys and wrong types are input errors
 * naming the file and the key.
 */
import {InputError} from '../../../core/errors.js'
import {readJsonFile} from '../../../core/io/json-file.js'
import {canonicalConfigs, type SchoolParameters} from '../kernels/school-parameters.js'

const template = canonicalConfigs.swarm

export function readParamsFile(path: string): Partial<SchoolParameters> {
  const json = readJsonFile(path, 'a JSON object of parameters')
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    throw new InputError('expected a JSON object of parameters', {file: path})
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(json)) {
    // own keys only: `"__proto__"` or `"constructor"` are inherited, not parameters
    if (!Object.hasOwn(template, key))
      throw new InputError(`unknown parameter; expected one of ${Object.keys(template).join(', ')}`, {
        file: path,
        field: key,
      })
    const want = key === 'torus_radius' ? 'number or null' : typeof template[key as keyof SchoolParameters]
    const ok = key === 'torus_radius' ? value === null || typeof value === 'number' : typeof value === want
    if (!ok) throw new InputError(`expected a ${want}, got ${JSON.stringify(value)}`, {file: path, field: key})
    out[key] = value
  }
  return out as Partial<SchoolParameters>
}
