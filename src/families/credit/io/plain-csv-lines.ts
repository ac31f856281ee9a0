/**
 * Fast path of the CSV reader for the common machine-written file: no quote character, one line
 * ending throughout ('\n', or '\r\n' when the first line ends so). Such text is split with
 * String.indexOf/split, about 5× faster than csv-parse's character-by-character state machine
 * (which builds every field through a resizable buffer). The first line that could mean anything
 * else (a '"', or a '\r' that is not the '\r\n' line ending) stops the fast path: the caller hands
 * the rest of the file, from the start of that line, to csv-parse. Lines before it are complete
 * records (with no quotes, a newline always ends a record), so both parsers give the same records.
 * Empty lines are skipped, as csv-parse's `skip_empty_lines`. Tested against csv-parse on tricky
 * inputs and every chunk size (test/io/tabular/csv-source.test.ts).
 */

export interface PlainSplitState {
  /** Physical lines consumed so far (1-based number of the last one). */
  line: number
  /** Line ending, fixed by the first line: true '\r\n', false '\n', undefined not yet known. */
  crlf: boolean | undefined
}

export interface PlainSplit {
  /** Records with their physical line numbers. */
  readonly records: string[][]
  readonly lines: number[]
  /** Index in the text of the first character not consumed. */
  readonly consumed: number
  /** True when the fast path stopped at `consumed` and the rest needs the full parser. */
  readonly fallback: boolean
}

/**
 * Splits the complete lines of `text[0, end)` (end = just after a '\n', or text.length at the end
 * of the file) into records, updating `state`.
 */
export function splitPlainLines(text: string, end: number, state: PlainSplitState): PlainSplit {
  const records: string[][] = []
  const lines: number[] = []
  let pos = 0
  // next '\r' and '"' at or after pos (text.length when none), searched again only once passed,
  // so the scan stays linear in the text
  let cr = -1
  let quote = -1
  while (pos < end) {
    const nl = text.indexOf('\n', pos)
    const terminated = nl >= 0 && nl < end
    let stop = terminated ? nl : end
    if (cr < pos) cr = indexOrEnd(text, '\r', pos)
    if (quote < pos) quote = indexOrEnd(text, '"', pos)
    if (cr < stop) {
      if (state.crlf === undefined && terminated && cr === stop - 1) state.crlf = true
      if (!(state.crlf === true && terminated && cr === stop - 1)) break
      stop = cr
    } else if (state.crlf === undefined && terminated) state.crlf = false
    else if (state.crlf === true && terminated) break
    if (quote < stop) break
    state.line++
    if (stop > pos) {
      records.push(text.slice(pos, stop).split(','))
      lines.push(state.line)
    }
    pos = terminated ? nl + 1 : end
  }
  return {records, lines, consumed: pos, fallback: pos < end}
}

function indexOrEnd(text: string, char: string, from: number): number {
  const i = text.indexOf(char, from)
  return i < 0 ? text.length : i
}
