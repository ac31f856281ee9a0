/** Compares a merged report with a single-machine one: the JSON text without timings and shard bookkeeping. */
import {readFileSync} from 'node:fs'

/** Fields that legitimately differ between a merged and a single-machine report. */
export const RUN_SPECIFIC = ['createdAt', 'timings', 'sharding'] as const

/** The report's JSON text (key order kept) without RUN_SPECIFIC fields. */
export function comparableReportText(path: string): string {
  const report = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
  for (const k of RUN_SPECIFIC) delete report[k]
  return JSON.stringify(report, null, 2)
}

/** Lines that differ between two texts (empty when equal), for a readable assertion message. */
export function differingLines(a: string, b: string): string[] {
  const [la, lb] = [a.split('\n'), b.split('\n')]
  const out: string[] = []
  for (let i = 0; i < Math.max(la.length, lb.length) && out.length < 20; i++)
    if (la[i] !== lb[i]) out.push(`${i + 1}: ${la[i]} | ${lb[i]}`)
  return out
}
