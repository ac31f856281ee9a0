/**
 * The compute engine: which TensorFlow.js backend runs float32 bulk work, and which float64
 * linear-algebra implementation runs spectra (recorded in every report's `engine`).
 *
 * Backend order for `auto` (formats-and-engine.md §2.4–2.6, §4.2–4.3):
 *   1. `@tensorflow/tfjs-node-gpu`, 2. `@tensorflow/tfjs-node`: optional peers (their install downloads
 *      libtensorflow, so users add them on boxes that can); loaded by dynamic import; a package that is
 *      installed but fails to load (no CUDA 11.2/cuDNN 8.1, wrong driver) falls back with one warning;
 *   3. `@tensorflow/tfjs-backend-wasm` with its .wasm files from the package's own dist/ (offline);
 *   4. `@tensorflow/tfjs-backend-cpu`.
 * `--backend tensorflow|wasm|cpu` forces one; a forced backend that cannot load is an InputError.
 * tfjs is float32-only and has no eig/SVD: float64 results never come from here.
 * tfjs-core itself is imported only when a command does tensor work (about 0.15 s of start-up
 * saved elsewhere); reports of commands that did none record the backend as `none`.
 */
import type * as TF from '@tensorflow/tfjs-core'
import {createRequire} from 'node:module'
import {availableParallelism} from 'node:os'
import {dirname} from 'node:path'
import {InputError} from '../errors.js'
import type {EngineInfo} from '../report/envelope.js'
import {linalgStatus} from '../linalg/linalg-status.js' // not ./index.js: the solvers load only where used

export type BackendPreference = 'auto' | 'tensorflow' | 'wasm' | 'cpu'

export interface EngineOptions {
  readonly backend: BackendPreference
  /** Worker threads for float64 linear algebra (default: available cores). */
  readonly threads?: number
  /** Receives one line per backend that is installed but failed to load (default: stderr). */
  readonly onWarning?: (line: string) => void
}

export interface BackendProbe {
  readonly name: string
  readonly loaded: boolean
  readonly detail: string
}

type Candidate = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu'

interface LoadOutcome {
  readonly ok: boolean
  /** true when the package is simply not installed (no warning in `auto`). */
  readonly absent: boolean
  readonly detail: string
}

const INSTALL_HINT: Record<Candidate, string> = {
  'tensorflow-gpu':
    'npm install @tensorflow/tfjs-node-gpu@4.22.0 (needs CUDA 11.2 + cuDNN 8.1 and network access to download libtensorflow; see docs/engine.md)',
  tensorflow: 'npm install @tensorflow/tfjs-node@4.22.0 (downloads libtensorflow 2.9.1 at install; see docs/engine.md)',
  wasm: 'npm install @tensorflow/tfjs-backend-wasm@4.22.0',
  cpu: 'npm install @tensorflow/tfjs-backend-cpu@4.22.0',
}

const requireHere = createRequire(import.meta.url)
let tfModule: typeof TF | undefined

/** tfjs-core, imported on first use. */
async function tfjs(): Promise<typeof TF> {
  tfModule ??= await import('@tensorflow/tfjs-core')
  return tfModule
}
const loads = new Map<Candidate, Promise<LoadOutcome>>()
let selected: {backend: string; key: string} | undefined

/** Selects (once per process) and initialises the tfjs backend; returns what goes into reports. */
export async function selectEngine(options: EngineOptions): Promise<EngineInfo> {
  const backend = await activateBackend(options.backend, options.onWarning ?? defaultWarning)
  return {...describeLinalgEngine(options), backend, tfjsVersion: (await tfjs()).version_core}
}

/** The engine of a run that did no tensor work: float64 linear algebra only, backend `none`. */
export function describeLinalgEngine(options: {threads?: number}): EngineInfo {
  return {
    backend: 'none',
    lapack: linalgStatus().active,
    threads: Math.max(1, Math.floor(options.threads ?? availableParallelism())),
  }
}

/** The tfjs-core module with a backend ready (selects `auto` first if nothing was selected). */
export async function tensorflow(): Promise<typeof TF> {
  if (selected === undefined) await activateBackend('auto', defaultWarning)
  const tf = await tfjs()
  await tf.ready()
  return tf
}

/** Whether each of the four backends loads here, and why not. Does not change the active backend. */
export async function probeBackends(): Promise<BackendProbe[]> {
  const names: Candidate[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']
  const out: BackendProbe[] = []
  for (const name of names) {
    const r = await load(name)
    out.push({
      name,
      loaded: r.ok,
      detail: r.ok ? r.detail : `${r.detail}${r.absent ? `; to add it: ${INSTALL_HINT[name]}` : ''}`,
    })
  }
  return out
}

async function activateBackend(preference: BackendPreference, warn: (line: string) => void): Promise<string> {
  const order: Candidate[] =
    preference === 'auto'
      ? ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']
      : preference === 'tensorflow'
        ? ['tensorflow-gpu', 'tensorflow']
        : [preference]
  const key = preference
  if (selected?.key === key) return selected.backend
  const tf = await tfjs()
  // production mode: no debug checks, and no "install our node backend" banner on stderr from the cpu backend
  tf.enableProdMode()
  const failures: string[] = []
  for (const candidate of order) {
    const r = await load(candidate)
    if (r.ok && (await tf.setBackend(tfjsName(candidate)))) {
      await tf.ready()
      selected = {backend: tfjsName(candidate), key}
      return selected.backend
    }
    const why = r.ok ? `${candidate} registered but failed to initialise` : r.detail
    failures.push(`${candidate}: ${why}`)
    if (preference === 'auto' && !r.absent) warn(`tfjs backend ${candidate} did not load (${why}); falling back`)
  }
  const hint =
    preference === 'tensorflow'
      ? `${INSTALL_HINT.tensorflow}, or for GPUs ${INSTALL_HINT['tensorflow-gpu']}`
      : INSTALL_HINT[order[0]]
  throw new InputError(`backend ${preference} is not available (${failures.join('; ')}); to install it: ${hint}`, {
    field: '--backend',
  })
}

/** The name tfjs registers the backend under. */
function tfjsName(c: Candidate): string {
  return c === 'tensorflow-gpu' ? 'tensorflow' : c
}

function load(c: Candidate): Promise<LoadOutcome> {
  let p = loads.get(c)
  if (p === undefined) {
    p = loadUncached(c)
    loads.set(c, p)
  }
  return p
}

async function loadUncached(c: Candidate): Promise<LoadOutcome> {
  const pkg =
    c === 'tensorflow-gpu'
      ? '@tensorflow/tfjs-node-gpu'
      : c === 'tensorflow'
        ? '@tensorflow/tfjs-node'
        : `@tensorflow/tfjs-backend-${c}`
  let resolved: string
  try {
    resolved = requireHere.resolve(pkg)
  } catch {
    return {ok: false, absent: true, detail: `${pkg} is not installed`}
  }
  const tf = await tfjs()
  try {
    const mod = (await import(pkg)) as {setWasmPaths?: (prefix: string) => void; version?: Record<string, string>}
    if (c === 'wasm') mod.setWasmPaths?.(`${dirname(resolved)}/`)
    if (tf.findBackendFactory(tfjsName(c)) === null)
      return {
        ok: false,
        absent: false,
        detail: `${pkg} loaded but registered no '${tfjsName(c)}' backend (a second copy of tfjs-core?)`,
      }
    const version = (requireHere(`${pkg}/package.json`) as {version: string}).version
    return {ok: true, absent: false, detail: `${pkg} ${version}${c === 'wasm' ? ' (SIMD, 1 thread in Node)' : ''}`}
  } catch (error) {
    return {
      ok: false,
      absent: false,
      detail: `${pkg} failed to load: ${String((error as Error)?.message ?? error).split('\n')[0]}`,
    }
  }
}

function defaultWarning(line: string): void {
  process.stderr.write(`infolens: warning: ${line}\n`)
}
