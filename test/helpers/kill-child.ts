/** Runs a TypeScript fixture in a child node process (tsx) and kills it at a chosen moment. */
import {spawn, type ChildProcess} from 'node:child_process'
import {readdirSync} from 'node:fs'

export interface KilledChild {
  code: number | null
  signal: NodeJS.Signals | null
  stderr: string
}

/** Starts `node --import tsx script ...args`. */
export function startTsChild(script: string, args: readonly string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script, ...args], {stdio: ['ignore', 'pipe', 'pipe']})
}

/** Resolves when the child prints a line equal to `line` (rejects if it exits first). */
export function waitForLine(child: ChildProcess, line: string, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    const timer = setTimeout(
      () => reject(new Error(`child did not print "${line}" within ${timeoutMs} ms; stderr: ${err}`)),
      timeoutMs,
    )
    child.stderr!.on('data', (d) => (err += d))
    child.stdout!.on('data', (d) => {
      out += d
      if (out.split('\n').includes(line)) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`child exited (${code}) before printing "${line}"; stderr: ${err}`))
    })
  })
}

/** Sends `signal` and waits for the child to exit. */
export function killAndWait(child: ChildProcess, signal: NodeJS.Signals): Promise<KilledChild> {
  return new Promise((resolve) => {
    let stderr = ''
    child.stderr!.on('data', (d) => (stderr += d))
    child.once('exit', (code, sig) => resolve({code, signal: sig, stderr}))
    child.kill(signal)
  })
}

/** Temporary files of atomic writes (`.NAME.tmp-PID-RANDOM`) in `dir`. */
export function tempFilesIn(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.includes('.tmp-'))
}
