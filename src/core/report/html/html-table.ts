/**
 * Tables of the HTML report page. A table is plain HTML that reads without JavaScript; the page
 * script (page-script.ts) makes a `sortable` table sort by a click on a column header and a
 * table with a status filter hide the rows of other statuses. Numbers are shown as the terminal
 * and Markdown renderings show them (formatNumber) and keep their full value in `data-value`,
 * which sorting uses. Long tables are cut at `maxRows`, and the page says how many rows only the
 * JSON report has.
 */
import {formatNumber} from '../../terminal/terminal.js'
import {escapeHtml} from './escape-html.js'

export type HtmlCell = string | number | boolean | null | undefined

export interface HtmlRow {
  readonly cells: readonly HtmlCell[]
  /** The row's status for the status filter (`data-status`). */
  readonly status?: string
  /** An index the page script hands to a row-click handler (`data-row`). */
  readonly rowKey?: number
}

export interface HtmlTableOptions {
  readonly head: readonly string[]
  readonly rows: readonly (HtmlRow | readonly HtmlCell[])[]
  /** What a row is, for the notes: "layers", "features". */
  readonly noun?: string
  readonly maxRows?: number
  readonly sortable?: boolean
  /** Adds a status filter above the table (rows need `status`). */
  readonly statusFilter?: boolean
  /** Extra class names of the `<table>`. */
  readonly className?: string
}

export const MAX_HTML_ROWS = 500

const isRow = (r: HtmlRow | readonly HtmlCell[]): r is HtmlRow => !Array.isArray(r)

/** The `data-value` of a number: JSON has no ∞/NaN, so they are spelled out. */
function dataValue(x: number): string {
  if (Number.isNaN(x)) return 'NaN'
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity'
  return String(x)
}

export function htmlCell(value: HtmlCell): string {
  if (typeof value === 'number') return `<td class="num" data-value="${dataValue(value)}">${formatNumber(value)}</td>`
  if (value === null || value === undefined) return '<td class="missing">-</td>'
  return `<td>${escapeHtml(String(value))}</td>`
}

function rowHtml(row: HtmlRow): string {
  const attributes = [
    row.status === undefined ? '' : ` data-status="${escapeHtml(row.status)}"`,
    row.rowKey === undefined ? '' : ` data-row="${row.rowKey}" tabindex="0"`,
  ].join('')
  return `<tr${attributes}>${row.cells.map(htmlCell).join('')}</tr>`
}

function filterHtml(rows: readonly HtmlRow[]): string {
  const statuses = [...new Set(rows.map((r) => r.status).filter((s): s is string => s !== undefined))].sort()
  const options = ['<option value="">all</option>', ...statuses.map((s) => `<option>${escapeHtml(s)}</option>`)]
  return `<label class="filter">status <select class="status-filter">${options.join('')}</select></label>`
}

export function htmlTable(options: HtmlTableOptions): string {
  const noun = options.noun ?? 'rows'
  const rows = options.rows.map((r) => (isRow(r) ? r : {cells: r}))
  if (rows.length === 0) return `<p class="empty">(no ${escapeHtml(noun)})</p>`
  const max = options.maxRows ?? MAX_HTML_ROWS
  const sortable = options.sortable ?? true
  const head = options.head
    .map((h) =>
      sortable
        ? `<th scope="col"><button type="button" class="sort">${escapeHtml(h)}</button></th>`
        : `<th scope="col">${escapeHtml(h)}</th>`,
    )
    .join('')
  const classes = [sortable ? 'sortable' : '', options.className ?? ''].filter(Boolean).join(' ')
  const body = rows.slice(0, max).map(rowHtml).join('\n')
  const more =
    rows.length > max
      ? `<p class="note">Showing the first ${max} of ${rows.length} ${escapeHtml(noun)}; the others are in the JSON report.</p>`
      : ''
  return [
    '<div class="table-block">',
    options.statusFilter ? filterHtml(rows) : '',
    `<table${classes ? ` class="${classes}"` : ''}><thead><tr>${head}</tr></thead><tbody>`,
    body,
    '</tbody></table>',
    more,
    '</div>',
  ].join('')
}

/** A two-column field/value table (not sortable). */
export function htmlKeyValues(pairs: readonly (readonly [string, HtmlCell])[]): string {
  const rows = pairs.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th>${htmlCell(v)}</tr>`)
  return `<table class="kv"><tbody>${rows.join('')}</tbody></table>`
}
