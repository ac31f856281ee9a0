/**
 * Runs the built CLI as a child process without blocking the event loop, for tests whose
 * own process must keep serving requests meanwhile (e.g. a loopback HTTP test double).
 */
import {spawn} from 'node:child_process'
import type {CliResult} from './cli.js'

const runJs = new URL('../../bin/run.js', import.meta.url).pathname

export function runCliAsync(
  args: readonly string[],
  options: {env?: Record<string, string>; timeoutMs?: number; cwd?: string} = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [runJs, ...args], {
      cwd: options.cwd,
      env: {...process.env, NO_COLOR: '1', ...options.env},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({status: code ?? -1, stdout, stderr})
    })
  })
}
