/**
 * Terminal styling for human output: chalk for colour (off under NO_COLOR, on
 * non-TTY stdout, or with TERM=dumb) and cli-table3 for tables, fitted to the
 * terminal's width (table-fit.ts, terminal-width.ts).
 */
import chalk, {Chalk, type ChalkInstance} from 'chalk'
import Table from 'cli-table3'
import {fitColumns, isNumericText} from './table-fit.js'
import {terminalColumns} from './terminal-width.js'

const colourAllowed = process.env.NO_COLOR === undefined && process.stdout.isTTY === true && process.env.TERM !== 'dumb'

/** The chalk instance all renderers use. */
export const style: ChalkInstance = colourAllowed ? chalk : new Chalk({level: 0})

/** No separator line between body rows: long tables stay readable. */
const compactRows = {mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': ''}

export type Cell = string | number | boolean | null | undefined

/** Formats a number for tables: fixed digits for moderate values, exponent for extremes. */
export function formatNumber(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined) return '-'
  if (Number.isNaN(value)) return 'NaN'
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf'
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value)
  const abs = Math.abs(value)
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return value.toExponential(digits - 1)
  return value.toFixed(digits)
}

function cellText(cell: Cell): string {
  if (typeof cell === 'number') return formatNumber(cell)
  if (cell === null || cell === undefined) return '-'
  return String(cell)
}

/** A column is text (it may be narrowed) unless every cell in it is a number or reads as one. */
function textColumns(columns: number, rows: readonly (readonly Cell[])[]): boolean[] {
  return Array.from({length: columns}, (_, i) =>
    rows.some((r) => typeof r[i] !== 'number' && r[i] !== null && r[i] !== undefined && !isNumericText(cellText(r[i]))),
  )
}

/**
 * A table as a string; `head` is styled bold, numbers right-aligned. `width`: the most columns it may take
 * (default: the terminal's, none when output is piped); text columns are narrowed to fit, numbers never.
 */
export function renderTable(
  head: readonly string[],
  rows: readonly (readonly Cell[])[],
  width: number | undefined = terminalColumns(),
): string {
  const [fittedHead, ...body] = fitColumns(
    [head, ...rows.map((r) => r.map(cellText))],
    textColumns(head.length, rows),
    width,
  )
  const table = new Table({
    head: fittedHead.map((h) => style.bold(h)),
    style: {head: [], border: []},
    chars: compactRows,
    colAligns: head.map((_, i) => (rows.length > 0 && typeof rows[0][i] === 'number' ? 'right' : 'left')),
  })
  for (const row of body) table.push(row)
  return table.toString()
}

/** Two-column key/value table, fitted to `width` like renderTable. */
export function renderKeyValues(
  pairs: readonly (readonly [string, Cell])[],
  width: number | undefined = terminalColumns(),
): string {
  const rows = pairs.map(([k, v]) => [k, v] as const)
  const fitted = fitColumns(
    rows.map(([k, v]) => [k, cellText(v)]),
    textColumns(2, rows),
    width,
  )
  const table = new Table({style: {head: [], border: []}, chars: compactRows})
  for (const [k, v] of fitted) table.push([style.bold(k), v])
  return table.toString()
}
