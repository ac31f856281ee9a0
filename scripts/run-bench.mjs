#!/usr/bin/env node
// `npm run bench -- <name> [bench options]` runs the benchmark(s) named <name> with
// `node --import tsx`: a folder under bench/ runs every .ts file in it, `folder/file` one file,
// and aliases name the benchmark an issue talks about (linalg → bench/engine/eigvalsh.ts).
// Without a name it lists what exists. Options after the name go to the benchmark itself,
// e.g. `npm run bench -- linalg --sizes 512,1024 --big none`.
import {spawnSync} from 'node:child_process'
import {existsSync, readdirSync, statSync} from 'node:fs'
import {join} from 'node:path'

const BENCH = 'bench'
const ALIASES = {linalg: ['engine/eigvalsh.ts']}

function folders() {
  return readdirSync(BENCH)
    .filter((f) => f !== 'out' && statSync(join(BENCH, f)).isDirectory())
    .sort()
}

function scriptsIn(folder) {
  return readdirSync(join(BENCH, folder))
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => `${folder}/${f}`)
}

function resolve(name) {
  if (ALIASES[name]) return ALIASES[name]
  const clean = name.replace(/^bench\//, '').replace(/\/$/, '')
  if (folders().includes(clean)) return scriptsIn(clean)
  for (const candidate of [clean, `${clean}.ts`]) {
    if (candidate.includes('/') && existsSync(join(BENCH, candidate)) && candidate.endsWith('.ts')) return [candidate]
  }
  return undefined
}

function list() {
  console.log('usage: npm run bench -- <name> [options for the benchmark]\n')
  console.log('names:')
  for (const [alias, files] of Object.entries(ALIASES))
    console.log(`  ${alias.padEnd(12)} alias of bench/${files.join(', bench/')}`)
  for (const f of folders())
    console.log(
      `  ${f.padEnd(12)} bench/${f}/: ${
        scriptsIn(f)
          .map((s) => s.split('/')[1])
          .join(', ') || '(no .ts files)'
      }`,
    )
}

const [name, ...rest] = process.argv.slice(2)
if (name === undefined || name === '--help' || name === '-h') {
  list()
  process.exit(0)
}
const scripts = resolve(name)
if (scripts === undefined || scripts.length === 0) {
  console.error(`run-bench: no benchmark named "${name}"\n`)
  list()
  process.exit(2)
}
let status = 0
for (const script of scripts) {
  console.log(`# bench/${script}`)
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(BENCH, script), ...rest], {stdio: 'inherit'})
  if (run.status !== 0) status = run.status ?? 1
}
process.exit(status)
