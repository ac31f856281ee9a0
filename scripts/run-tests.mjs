#!/usr/bin/env node
// Runs every test/**/*.test.ts with node's built-in runner (TypeScript through tsx),
// so the runner's summary lines (tests, pass, fail) are printed. Optional filter:
// `npm test -- spectral` runs the files whose path contains "spectral".
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readdirSync, rmSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

function collect(dir) {
  const out = []
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) out.push(...collect(p))
    else if (name.endsWith('.test.ts')) out.push(p)
  }
  return out
}

const filters = process.argv.slice(2)
const files = collect('test').filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
// Spectra caches written by the tests go to a throwaway folder, never the user's ~/.cache.
const cacheDir = mkdtempSync(join(tmpdir(), 'infolens-test-cache-'))
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
  {stdio: 'inherit', env: {...process.env, NO_COLOR: '1', INFOLENS_TEST: '1', INFOLENS_CACHE_DIR: cacheDir}},
)
rmSync(cacheDir, {recursive: true, force: true})
process.exit(result.status ?? 1)
