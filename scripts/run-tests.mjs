#!/usr/bin/env node
// Runs every test/**/*.test.ts with node's built-in runner (TypeScript through tsx),
// so the runner's summary lines (tests, pass, fail) are printed. Optional filter:
// `npm test -- spectral` runs the files whose path contains "spectral".
// A full run (no filter) lints first (`npm run lint`: ESLint with the import rules of
// eslint.config.js, then prettier --check), so a broken boundary fails `npm test`.
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
// Given no file, node --test would search the whole tree on its own: a stale filter must fail instead.
if (files.length === 0) {
  console.error(`no test file matches ${filters.map((x) => JSON.stringify(x)).join(' or ')}`)
  process.exit(1)
}

// The tests run even when lint fails, so one run reports both.
const lintStatus =
  filters.length === 0 ? (spawnSync('npm', ['run', '--silent', 'lint'], {stdio: 'inherit'}).status ?? 1) : 0

// Spectra caches written by the tests go to a throwaway folder, never the user's ~/.cache.
const cacheDir = mkdtempSync(join(tmpdir(), 'infolens-test-cache-'))
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
  {stdio: 'inherit', env: {...process.env, NO_COLOR: '1', INFOLENS_TEST: '1', INFOLENS_CACHE_DIR: cacheDir}},
)
rmSync(cacheDir, {recursive: true, force: true})
if (lintStatus !== 0) console.error('npm run lint failed (see above)')
process.exit(lintStatus !== 0 ? lintStatus : (result.status ?? 1))
