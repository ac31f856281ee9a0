/**
 * How to start a worker thread for a module of ours: the compiled `.js` beside the
 * caller in dist/, or, under tsx (tests, benches), the `.ts` source through tsx's loader.
 * Used by every worker pool (linear algebra, fish-school steps, sweeps).
 */
import {existsSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

export interface WorkerEntry {
  /** A file URL, or code to evaluate when `eval` is true. */
  readonly source: URL | string
  readonly eval: boolean
}

/**
 * The entry for worker module `name` (without extension) next to `callerUrl`
 * (pass `import.meta.url`), or undefined when neither form can be started.
 */
export function workerEntry(callerUrl: string, name: string): WorkerEntry | undefined {
  const js = new URL(`./${name}.js`, callerUrl)
  if (existsSync(fileURLToPath(js))) return {source: js, eval: false}
  const ts = new URL(`./${name}.ts`, callerUrl)
  if (!callerUrl.endsWith('.ts') || !existsSync(fileURLToPath(ts))) return undefined
  let tsxApi: string
  try {
    tsxApi = import.meta.resolve('tsx/esm/api')
  } catch {
    return undefined
  }
  // --import tsx in a worker's execArgv does not reach its ESM loader on Node 20, so register it explicitly
  const code = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(ts.href)}) })`
  return {source: code, eval: true}
}
