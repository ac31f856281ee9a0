/**
 * A Markdown table cut to a length that stays readable in a pull-request
 * comment or CI step summary; the note says how many rows only the JSON has.
 */
import {markdownTable, type MarkdownCell} from './markdown.js'

export const MAX_TABLE_ROWS = 50

export function boundedTable(
  head: readonly string[],
  rows: readonly (readonly MarkdownCell[])[],
  noun = 'rows',
  max = MAX_TABLE_ROWS,
): string {
  if (rows.length === 0) return `(no ${noun})`
  const table = markdownTable(head, rows.slice(0, max))
  return rows.length > max ? `${table}\n\n(${rows.length - max} more ${noun} in the JSON report)` : table
}

/** Counts of a label (skip reasons, states…) as `label | count` rows, most frequent first. */
export function countRows(labels: readonly string[]): [string, number][] {
  const counts = new Map<string, number>()
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1)
  return [...counts.entries()].sort((a, b) => b[1] - a[1])
}
