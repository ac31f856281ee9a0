/** Runs the built CLI (bin/run.js over dist/) as a child process, as users do. */
import {spawnSync} from 'node:child_process'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

const runJs = new URL('../../bin/run.js', import.meta.url).pathname

export interface CliResult {
  status: number
  stdout: string
  stderr: string
}

export function runCli(
  args: readonly string[],
  options: {cwd?: string; env?: Record<string, string>; timeoutMs?: number} = {},
): CliResult {
  const r = spawnSync(process.execPath, [runJs, ...args], {
    cwd: options.cwd,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 120_000,
    env: {...process.env, NO_COLOR: '1', ...options.env},
  })
  return {status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr}
}

/** Runs with --json and parses stdout as exactly one JSON document. */
export function runCliJson<T = any>(
  args: readonly string[],
  options: Parameters<typeof runCli>[1] = {},
): {json: T; result: CliResult} {
  const result = runCli([...args, '--json'], options)
  let json: T
  try {
    json = JSON.parse(result.stdout) as T
  } catch {
    throw new Error(
      `stdout is not one JSON document (exit ${result.status}):\n${result.stdout.slice(0, 2000)}\nstderr:\n${result.stderr.slice(0, 2000)}`,
    )
  }
  return {json, result}
}

export function tempDir(prefix = 'infolens-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}
