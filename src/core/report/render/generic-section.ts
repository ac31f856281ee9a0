/**
 * Fallback section renderer for results without a family renderer: top-level
 * scalars as a key/value table, arrays of flat objects as tables (first rows).
 */
import {markdownKeyValues, markdownTable, type MarkdownCell} from './markdown.js'

const maxRows = 50

function isScalar(v: unknown): v is MarkdownCell {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v)
}

function rowsTable(name: string, rows: readonly Record<string, unknown>[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r).filter((k) => isScalar(r[k]))))]
  const body = rows.slice(0, maxRows).map((r) => columns.map((c) => (isScalar(r[c]) ? r[c] : undefined)))
  const more = rows.length > maxRows ? `\n\n(${rows.length - maxRows} more rows in the JSON report)` : ''
  return `**${name}**\n\n${markdownTable(columns, body)}${more}`
}

export function renderGenericMarkdown(result: unknown): string {
  if (!result || typeof result !== 'object') return isScalar(result) ? String(result) : ''
  const entries = Object.entries(result as Record<string, unknown>)
  const scalars = entries.filter(([, v]) => isScalar(v)) as [string, MarkdownCell][]
  const sections: string[] = []
  if (scalars.length > 0) sections.push(markdownKeyValues(scalars))
  for (const [k, v] of entries) {
    if (Array.isArray(v) && v.length > 0 && v.every((x) => x && typeof x === 'object' && !Array.isArray(x))) {
      sections.push(rowsTable(k, v as Record<string, unknown>[]))
    } else if (v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every(isScalar)) {
      sections.push(`**${k}**\n\n${markdownKeyValues(Object.entries(v) as [string, MarkdownCell][])}`)
    }
  }
  return sections.join('\n\n')
}
