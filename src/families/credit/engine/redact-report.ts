/**
 * The envelope records the command line; with --url it could carry a password. This removes it
 * (and any other copy of the URL's password) before the report is written or printed.
 */
import type {Report} from '../../../core/report/envelope.js'
import {redactUrl} from './redact-url.js'

export function redactReport<T>(report: Report<T>, url: string | undefined): Report<T> {
  if (!url) return report
  return {...report, command: report.command.map((a) => (a.includes('://') ? redactUrl(a) : a))}
}
