#!/usr/bin/env node
// npm install hook: builds the optional LAPACK addon (native/linalg.c → build/Release/infolens_linalg.node)
// with npm's bundled node-gyp against the system Node headers (offline: never downloads headers).
// Any failure prints one line saying the TypeScript fallback will be used, and exits 0.
//
//   INFOLENS_SKIP_NATIVE=1        skip the build (the TypeScript fallback is used)
//   INFOLENS_LAPACKE_HEADER=PATH  header to look for instead of /usr/include/lapacke.h
import {spawnSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const fallback = (why) => {
  console.log(`infolens: LAPACK addon not built (${why}); the TypeScript fallback will be used.`)
  process.exit(0)
}

try {
  main()
} catch (error) {
  fallback(String(error?.message ?? error).split('\n')[0])
}

function main() {
  if (['1', 'true', 'yes'].includes((process.env.INFOLENS_SKIP_NATIVE ?? '').toLowerCase()))
    fallback('INFOLENS_SKIP_NATIVE is set')
  if (!existsSync(join(root, 'binding.gyp')) || !existsSync(join(root, 'native', 'linalg.c')))
    fallback('no native sources in this package')
  const header = findHeader()
  if (!header.ok) fallback(`${header.missing} not found; apt-get install libopenblas-dev liblapacke-dev`)
  const gyp = findNodeGyp()
  if (!gyp) fallback('node-gyp not found (it ships with npm)')
  const nodedir = findNodeDir()
  if (!nodedir) fallback('Node headers (include/node/node_api.h) not found; node-gyp would need to download them')
  const result = spawnSync(process.execPath, [gyp, 'rebuild', `--nodedir=${nodedir}`, '--loglevel=error'], {
    cwd: root,
    encoding: 'utf8',
    env: {...process.env, npm_config_nodedir: nodedir},
    timeout: 300_000,
  })
  if (result.status !== 0) {
    const firstError =
      `${result.stderr ?? ''}\n${result.stdout ?? ''}`.split('\n').find((l) => /error/i.test(l)) ??
      `node-gyp exited with ${result.status}`
    fallback(`build failed: ${firstError.trim()}`)
  }
  const built = join(root, 'build', 'Release', 'infolens_linalg.node')
  if (!existsSync(built)) fallback('node-gyp finished but build/Release/infolens_linalg.node is missing')
  const check = spawnSync(
    process.execPath,
    [
      '-e',
      `const m=require(${JSON.stringify(built)});const a=Float64Array.of(2,1,1,2);const w=m.eigvalsh(a,2);if(Math.abs(w[0]-1)>1e-12||Math.abs(w[1]-3)>1e-12)process.exit(3)`,
    ],
    {encoding: 'utf8'},
  )
  if (check.status !== 0)
    fallback(
      `the built addon does not load: ${(check.stderr ?? '').split('\n').find((l) => l.trim() !== '') ?? check.status}`,
    )
  console.log('infolens: LAPACK addon built (build/Release/infolens_linalg.node).')
}

/** lapacke.h and an OpenBLAS cblas.h, in the usual Debian places or via pkg-config. */
function findHeader() {
  const lapacke = process.env.INFOLENS_LAPACKE_HEADER ?? '/usr/include/lapacke.h'
  const lapackeDirs = [lapacke]
  if (process.env.INFOLENS_LAPACKE_HEADER === undefined)
    lapackeDirs.push(...pkgConfigIncludes('lapacke').map((d) => join(d, 'lapacke.h')))
  if (!lapackeDirs.some((p) => existsSync(p))) return {ok: false, missing: lapacke}
  const cblas = [
    '/usr/include/cblas.h',
    '/usr/include/x86_64-linux-gnu/cblas.h',
    '/usr/include/aarch64-linux-gnu/cblas.h',
    '/usr/include/openblas/cblas.h',
    ...pkgConfigIncludes('openblas').map((d) => join(d, 'cblas.h')),
  ]
  if (!cblas.some((p) => existsSync(p))) return {ok: false, missing: 'cblas.h'}
  return {ok: true}
}

function pkgConfigIncludes(pkg) {
  const r = spawnSync('pkg-config', ['--cflags-only-I', pkg], {encoding: 'utf8'})
  if (r.status !== 0 || typeof r.stdout !== 'string') return []
  return r.stdout
    .split(/\s+/)
    .filter((t) => t.startsWith('-I'))
    .map((t) => t.slice(2))
}

/** npm's own node-gyp: $npm_config_node_gyp (set by npm for scripts), else next to npm-cli.js. */
function findNodeGyp() {
  const candidates = []
  if (process.env.npm_config_node_gyp) candidates.push(process.env.npm_config_node_gyp)
  const npmCli = process.env.npm_execpath
  if (npmCli) {
    try {
      candidates.push(createRequire(npmCli).resolve('node-gyp/bin/node-gyp.js'))
    } catch {}
  }
  const prefix = dirname(dirname(process.execPath))
  candidates.push(join(prefix, 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'))
  try {
    candidates.push(createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js'))
  } catch {}
  return candidates.find((c) => existsSync(c))
}

/** The system Node prefix holding include/node/node_api.h: $npm_config_nodedir, else the prefix of this node binary. */
function findNodeDir() {
  const candidates = [process.env.npm_config_nodedir, dirname(dirname(process.execPath)), '/usr', '/usr/local'].filter(
    Boolean,
  )
  return candidates.find((d) => existsSync(join(d, 'include', 'node', 'node_api.h')))
}
