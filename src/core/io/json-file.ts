/** Reads a whole JSON file; a missing, unreadable or malformed file is a one-line InputError naming it. */
import {readFileSync} from 'node:fs'
import {InputError} from '../errors.js'
import {nonFiniteField, nonFiniteMessage, overflowLiteral} from './non-finite.js'

/** `expected` completes "expected …" in the error, e.g. "a JSON object of parameters". */
export function readJsonFile(path: string, expected: string): unknown {
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
    throw new InputError(`expected ${expected} (${(error as Error).message})`, {file: path})
  }
  const field = nonFiniteField(json)
  if (field !== undefined) {
    const line = overflowLiteral(text)?.line
    throw new InputError(nonFiniteMessage(text), {file: line === undefined ? path : `${path}:${line}`, field})
  }
  return json
}
