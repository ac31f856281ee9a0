/**
 * Progress bars for long work: shown on stderr only when stderr is a terminal
 * and the command is not in --json or --quiet mode; otherwise a no-op.
 * cli-progress (17 files) is required only when a bar is shown: every command imports this module.
 */
import {createRequire} from 'node:module'
import type cliProgressModule from 'cli-progress'

const require = createRequire(import.meta.url)

export interface Progress {
  /** Advances by `by` (default 1), optionally relabelling the current item. */
  tick(by?: number, item?: string): void
  stop(): void
}

const silent: Progress = {tick() {}, stop() {}}

export function startProgress(total: number, label: string, enabled: boolean): Progress {
  if (!enabled || process.stderr.isTTY !== true || total <= 0) return silent
  const cliProgress = require('cli-progress') as typeof cliProgressModule
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {value}/{total} {item}`,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  )
  bar.start(total, 0, {item: ''})
  return {
    tick(by = 1, item = '') {
      bar.increment(by, {item})
    },
    stop() {
      bar.stop()
    },
  }
}
