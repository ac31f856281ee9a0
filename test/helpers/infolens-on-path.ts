/** A folder with an `infolens` executable running this checkout's build, to put on PATH for job scripts. */
import {chmodSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {tempDir} from './cli.js'

const runJs = new URL('../../bin/run.js', import.meta.url).pathname

export function infolensOnPath(): {dir: string; env: Record<string, string>} {
  const dir = tempDir('infolens-bin-')
  const exe = join(dir, 'infolens')
  writeFileSync(exe, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(runJs)} "$@"\n`)
  chmodSync(exe, 0o755)
  return {dir, env: {PATH: `${dir}:${process.env.PATH ?? ''}`, NO_COLOR: '1'}}
}
