/**
 * Markdown building blocks for `report render`: headings, key/value lists and
 * tables, escaped so that names with pipes or backticks cannot break a table.
 */
import {formatNumber} from '../../terminal/terminal.js'

export type MarkdownCell = string | number | boolean | null | undefined

export function escapeCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}

export function cellText(value: MarkdownCell): string {
  if (typeof value === 'number') return formatNumber(value)
  if (value === null || value === undefined) return '-'
  return escapeCell(String(value))
}

export function markdownTable(head: readonly string[], rows: readonly (readonly MarkdownCell[])[]): string {
  const lines = [`| ${head.map(escapeCell).join(' | ')} |`, `|${head.map(() => '---').join('|')}|`]
  for (const row of rows) lines.push(`| ${row.map(cellText).join(' | ')} |`)
  return lines.join('\n')
}

export function markdownKeyValues(pairs: readonly (readonly [string, MarkdownCell])[]): string {
  return markdownTable(['field', 'value'], pairs)
}
