/**
 * GitHub Actions job summaries: Markdown appended to the file named by $GITHUB_STEP_SUMMARY
 * (the runner renders it on the run's page). Appending is the protocol, so it is not atomic.
 */
import {appendFileSync} from 'node:fs'
import {InputError} from '../errors.js'

export function appendStepSummary(markdown: string, env: NodeJS.ProcessEnv = process.env): string {
  const path = env.GITHUB_STEP_SUMMARY
  if (!path) throw new InputError('--github: GITHUB_STEP_SUMMARY is not set (it is set inside GitHub Actions jobs)')
  try {
    appendFileSync(path, markdown.endsWith('\n') ? markdown : markdown + '\n')
  } catch (error) {
    throw new InputError(`cannot append the step summary (${(error as NodeJS.ErrnoException).code ?? 'error'})`, {
      file: path,
    })
  }
  return path
}
