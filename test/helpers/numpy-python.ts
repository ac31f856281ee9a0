/** Debian's system python3 with numpy (the independent reference for format tests), if installed. */
import {spawnSync} from 'node:child_process'
import {existsSync} from 'node:fs'

const SYSTEM_PYTHON = '/usr/bin/python3'

/** The python3 to use for numpy references, or undefined (tests then skip, saying why). */
export function numpyPython(): string | undefined {
  if (!existsSync(SYSTEM_PYTHON)) return undefined
  const r = spawnSync(SYSTEM_PYTHON, ['-c', 'import numpy'], {encoding: 'utf8'})
  return r.status === 0 ? SYSTEM_PYTHON : undefined
}

export const NO_NUMPY = `${SYSTEM_PYTHON} with numpy not found (apt-get install python3-numpy): skipping the independent reader check`

/** Runs a committed fixture script and parses its stdout as JSON (NaN allowed). */
export function runPythonJson<T = any>(python: string, script: string, args: readonly string[]): T {
  const r = spawnSync(python, [script, ...args], {encoding: 'utf8', maxBuffer: 1 << 28})
  if (r.status !== 0) throw new Error(`${script} failed (${r.status}):\n${r.stderr}`)
  return JSON.parse(r.stdout.replace(/-?Infinity|\bNaN\b/g, 'null')) as T
}

export function runPython(python: string, script: string, args: readonly string[]): void {
  const r = spawnSync(python, [script, ...args], {encoding: 'utf8'})
  if (r.status !== 0) throw new Error(`${script} failed (${r.status}):\n${r.stderr}`)
}
