/**
 * Where a worker-thread entry of this folder is and how to start it. Built, the entry is the compiled .js beside
 * the caller. Run from the TypeScript sources (the tests, under tsx), it is the .ts file, which a worker cannot
 * load by itself (Node 20 does not pass tsx's loader on to workers): a two-line bootstrap registers the loader in
 * the worker first.
 */
import {existsSync} from 'node:fs'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {Worker} from 'node:worker_threads'

/** The entry `name` (without extension) beside `base` (a caller's import.meta.url), or undefined. */
export function workerScript(name: string, base: string): string | undefined {
  for (const ext of ['js', 'ts']) {
    const script = fileURLToPath(new URL(`${name}.${ext}`, base))
    if (existsSync(script)) return script
  }
  return undefined
}

/**
 * A worker's young generation: the readers make little garbage (cells stay bytes), and V8's default semi-spaces
 * (16 MiB each) would add tens of MiB of resident memory per worker for nothing.
 */
const YOUNG_GENERATION_MB = 4

export function startWorker(script: string, workerData: unknown): Worker {
  const resourceLimits = {maxYoungGenerationSizeMb: YOUNG_GENERATION_MB}
  if (!script.endsWith('.ts')) return new Worker(script, {workerData, resourceLimits})
  const url = JSON.stringify(pathToFileURL(script).href)
  const bootstrap = `import('tsx/esm/api').then(({register}) => { register(); return import(${url}) })`
  return new Worker(bootstrap, {eval: true, workerData, resourceLimits})
}

/**
 * Runs one byte range on its own worker and resolves with its reply, or `{ok: false}` when the worker fails or
 * exits without replying; a failure raises the shared abort flag so the other ranges stop early.
 */
export function runRangeWorker<Reply extends {ok: boolean}>(
  script: string,
  job: {readonly abort: Int32Array},
): Promise<Reply | {ok: false}> {
  return new Promise((resolve) => {
    const worker = startWorker(script, job)
    worker.once('message', (reply: Reply) => {
      void worker.terminate()
      resolve(reply)
    })
    worker.once('error', () => {
      Atomics.store(job.abort, 0, 1)
      resolve({ok: false})
    })
    worker.once('exit', () => resolve({ok: false})) // no effect after a reply: a promise settles once
  })
}
