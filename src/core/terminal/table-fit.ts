/**
 * Fitting a table's columns to a terminal width. Numbers are never touched: a cut or wrapped number reads as
 * another number. The text columns give up width instead, the widest first (water-filling: every text column
 * wider than a common cap is narrowed to it, the cap chosen so the table fits), and their cells are wrapped
 * onto several lines, prose at spaces and identifiers after a separator (`layers.1.` / `self_attn.v_proj`),
 * so no character is lost and two layer names stay two. When even the narrowest text columns do not fit,
 * the table is as narrow as it can be and wider than asked.
 */

/** Below this a text column is not narrowed further (a word a line is no longer readable). */
export const MIN_TEXT_COLUMN = 10

/** Per column: one border and a space of padding on each side, plus the table's closing border. */
const frameWidth = (columns: number) => 3 * columns + 1

const ANSI = /\u001B\[[0-9;]*m/g
const graphemes = new Intl.Segmenter('en', {granularity: 'grapheme'})

/** Columns a string takes on screen: graphemes without ANSI styling (α̂ is one). */
export function visibleWidth(text: string): number {
  let n = 0
  for (const _ of graphemes.segment(text.replace(ANSI, ''))) n++
  return n
}

const cellWidth = (cell: string) => Math.max(0, ...cell.split('\n').map(visibleWidth))

/** Break opportunities: a run of spaces, or a word piece up to and including a separator (. / :). */
const ATOMS = /\s+|[^\s./:]+[./:]?|[./:]/g

/** `text` split into graphemes, `width` at a time (a piece with no break opportunity in it). */
function hardBreak(text: string, width: number): string[] {
  const parts = [...graphemes.segment(text)].map((s) => s.segment)
  const lines: string[] = []
  for (let i = 0; i < parts.length; i += width) lines.push(parts.slice(i, i + width).join(''))
  return lines
}

/** `text` wrapped into lines of at most `width` columns (width ≥ 1): at spaces, after separators, else hard. */
export function wrapText(text: string, width: number): string {
  const lines: string[] = []
  let line = ''
  let space = false
  for (const atom of text.match(ATOMS) ?? []) {
    if (/^\s/.test(atom)) {
      space = line !== ''
      continue
    }
    const joined = line + (space ? ' ' : '') + atom
    space = false
    if (visibleWidth(joined) <= width) {
      line = joined
      continue
    }
    if (line !== '') lines.push(line)
    const pieces = hardBreak(atom, width)
    line = pieces.pop() ?? ''
    lines.push(...pieces)
  }
  lines.push(line)
  return lines.join('\n')
}

/** The widest text column allowed so that the whole table fits `total`; Infinity when it fits as it is. */
export function textColumnCap(natural: readonly number[], isText: readonly boolean[], total: number): number {
  const fixed = natural.reduce((sum, w, i) => sum + (isText[i] ? 0 : w), frameWidth(natural.length))
  const text = natural.filter((_, i) => isText[i]).sort((a, b) => a - b)
  let budget = total - fixed
  if (text.reduce((a, b) => a + b, 0) <= budget) return Infinity
  // columns narrower than the cap keep their width; the rest share what is left equally
  for (let k = 0; k < text.length; k++) {
    const cap = Math.floor(budget / (text.length - k))
    if (text[k] > cap) return Math.max(MIN_TEXT_COLUMN, cap)
    budget -= text[k]
  }
  return Infinity
}

/** One cell narrowed to `cap` columns (styled cells are left alone: wrapping would split their escapes). */
function fitCell(cell: string, cap: number): string {
  if (cellWidth(cell) <= cap || cell.includes('\u001B')) return cell
  return cell
    .split('\n')
    .map((line) => wrapText(line, cap))
    .join('\n')
}

/**
 * The table's text (row 0 is the head) with its text columns narrowed so that the rendered table is at most
 * `total` columns wide; unchanged when `total` is undefined or the table fits.
 */
export function fitColumns(
  table: readonly (readonly string[])[],
  isText: readonly boolean[],
  total: number | undefined,
): string[][] {
  const columns = isText.length
  const natural = Array.from({length: columns}, (_, i) => Math.max(0, ...table.map((r) => cellWidth(r[i] ?? ''))))
  const cap = total === undefined ? Infinity : textColumnCap(natural, isText, total)
  if (cap === Infinity) return table.map((r) => [...r])
  return table.map((r) => r.map((cell, i) => (isText[i] ? fitCell(cell, cap) : cell)))
}

/** Whether formatted text reads as a number (formatNumber's output, a percentage, a shape like 128×64). */
export function isNumericText(text: string): boolean {
  return /^[-+−]?(\d[\d,._]*(e[-+]?\d+)?%?|inf|NaN|-)$|^\d+(×\d+)+$/i.test(text.trim())
}
