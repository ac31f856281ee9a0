/**
 * The Markdown that `report render` writes, as HTML: the subset the section renderers emit
 * (`#` headings, pipe tables, `- ` lists, paragraphs with **bold** and `code`). Every section
 * without a dedicated HTML view is shown this way, so each report schema has a page section,
 * and its tables sort like the others. All text is escaped; Markdown markers are applied to the
 * escaped text, so no report string can become markup.
 */
import {escapeHtml} from './escape-html.js'
import {htmlTable} from './html-table.js'

/** The cells of one `| a | b |` row, with `\|` and `\\` unescaped. */
export function splitTableRow(line: string): string[] {
  const cells: string[] = []
  let cell = ''
  const body = line.trim().replace(/^\|/, '')
  for (let i = 0; i < body.length; i++) {
    const c = body[i]
    if (c === '\\' && i + 1 < body.length && (body[i + 1] === '|' || body[i + 1] === '\\')) {
      cell += body[++i]
    } else if (c === '|') {
      cells.push(cell.trim())
      cell = ''
    } else cell += c
  }
  if (cell.trim() !== '') cells.push(cell.trim())
  return cells
}

/** Inline Markdown on already escaped text. */
function inline(text: string): string {
  return escapeHtml(text)
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/`([^`]+)`/g, '<code>$1</code>')
}

function tableHtml(lines: readonly string[]): string {
  const head = splitTableRow(lines[0])
  const rows = lines.slice(2).map(splitTableRow)
  const isKeyValue = head.length === 2 && head[0] === 'field' && head[1] === 'value'
  if (isKeyValue) {
    const body = rows.map(
      (r) => `<tr><th scope="row">${escapeHtml(r[0] ?? '')}</th><td>${escapeHtml(r[1] ?? '')}</td></tr>`,
    )
    return `<table class="kv"><tbody>${body.join('')}</tbody></table>`
  }
  return htmlTable({head, rows, maxRows: Number.POSITIVE_INFINITY})
}

function blockHtml(block: string): string {
  const lines = block.split('\n')
  const heading = /^(#{1,6}) (.*)$/.exec(lines[0])
  if (heading && lines.length === 1) {
    const level = Math.min(6, Math.max(3, heading[1].length))
    return `<h${level}>${inline(heading[2])}</h${level}>`
  }
  if (lines.length >= 2 && lines.every((l) => l.startsWith('|')) && /^\|(-{3}\|)+$/.test(lines[1]))
    return tableHtml(lines)
  if (lines.every((l) => l.startsWith('- ')))
    return `<ul>${lines.map((l) => `<li>${inline(l.slice(2))}</li>`).join('')}</ul>`
  // "**Inputs**\n\n| table" arrives as separate blocks; a bold-only line is a small heading
  const strongOnly = /^\*\*([^*]+)\*\*$/.exec(block)
  if (strongOnly) return `<h5>${escapeHtml(strongOnly[1])}</h5>`
  return `<p>${lines.map(inline).join('<br>')}</p>`
}

export function markdownToHtml(markdown: string): string {
  return markdown
    .split(/\n{2,}/)
    .map((b) => b.trim())
    .filter(Boolean)
    .map(blockHtml)
    .join('\n')
}
