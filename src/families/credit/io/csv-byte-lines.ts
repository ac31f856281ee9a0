/**
 * Fast path of the CSV reader, over bytes: splits the machine-written file (no quote character, one line ending
 * throughout: '\n', or '\r\n' when the first line ends so) into cells given as byte offsets, one pass over the
 * bytes, no string made. It replaces a string split per line (plain-csv-lines, which made a string per cell and
 * took a fifth of `credit bin`'s time at 1M rows). The first line that could mean anything else (a '"', or a '\r'
 * that is not the '\r\n' line ending) stops the fast path there: the caller hands the rest of the file, from the
 * start of that line, to csv-parse. Lines before it are complete records (with no quotes a newline always ends a
 * record), so both parsers give the same records. Empty lines are skipped, as csv-parse's `skip_empty_lines`.
 * Tested against csv-parse on tricky inputs and every chunk size (test/families/credit/io/csv-source.test.ts).
 */
import {InputError} from '../../../core/errors.js'

export interface ByteSplitState {
  /** Physical lines consumed so far (1-based number of the last one). */
  line: number
  /** Line ending, fixed by the first line: true '\r\n', false '\n', undefined not yet known. */
  crlf: boolean | undefined
  /** Cells per record, fixed by the first record (0 = not yet known). */
  width: number
}

/** Growable cell offsets of the records of one batch, with each record's physical line. */
export class CellOffsets {
  starts = new Int32Array(1 << 15)
  ends = new Int32Array(1 << 15)
  lines = new Int32Array(1 << 10)
  cells = 0
  rows = 0

  reset(): void {
    this.cells = 0
    this.rows = 0
  }

  push(start: number, end: number): void {
    if (this.cells === this.starts.length) {
      this.starts = grown(this.starts)
      this.ends = grown(this.ends)
    }
    this.starts[this.cells] = start
    this.ends[this.cells++] = end
  }

  endRow(line: number): void {
    if (this.rows === this.lines.length) this.lines = grown(this.lines)
    this.lines[this.rows++] = line
  }
}

function grown(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2)
  b.set(a)
  return b
}

const COMMA = 44
const LF = 10
const CR = 13
const QUOTE = 34

/**
 * Splits the complete lines of bytes[pos, end) (end = just after a '\n', or the end of the file) into `out`,
 * updating `state`. Returns the offset of the first byte not consumed: `end`, or the start of the first line the
 * fast path cannot take (then the rest needs the full parser). A record whose width differs from the first is an
 * InputError naming the file and line.
 */
export function splitByteLines(
  bytes: Uint8Array,
  pos: number,
  end: number,
  state: ByteSplitState,
  out: CellOffsets,
  file: string,
): number {
  while (pos < end) {
    const lineStart = pos
    const firstCell = out.cells
    let cellStart = pos
    let i = pos
    let stop = -1
    let next = end
    while (i < end) {
      const c = bytes[i]
      if (c > QUOTE) {
        // the common byte (digits, letters, '.', '-') ends neither a cell nor a line
        if (c === COMMA) {
          out.push(cellStart, i)
          cellStart = i + 1
        }
        i++
        continue
      }
      if (c === LF) {
        if (state.crlf === true) return fallBack(out, firstCell, lineStart)
        state.crlf = false
        stop = i
        next = i + 1
        break
      }
      if (c === CR) {
        if (i + 1 >= end || bytes[i + 1] !== LF || state.crlf === false) return fallBack(out, firstCell, lineStart)
        state.crlf = true
        stop = i
        next = i + 2
        break
      }
      if (c === QUOTE) {
        settleLineEnding(bytes, lineStart, end, state)
        return fallBack(out, firstCell, lineStart)
      }
      i++
    }
    if (stop < 0) stop = end // the last line of a file without a final newline
    state.line++
    pos = next
    if (stop === lineStart) continue // an empty line
    out.push(cellStart, stop)
    const width = out.cells - firstCell
    if (state.width === 0) state.width = width
    else if (width !== state.width) {
      throw new InputError(`expected ${state.width} fields, found ${width}`, {file, field: `line ${state.line}`})
    }
    out.endRow(state.line)
  }
  return end
}

/** Drops the cells of the unfinished record and reports where the full parser takes over. */
function fallBack(out: CellOffsets, firstCell: number, lineStart: number): number {
  out.cells = firstCell
  return lineStart
}

/**
 * The line ending rule for a first line the fast path hands over (a quoted header): as the string fast path
 * did, a line ending in '\r\n' with no earlier '\r' fixes '\r\n', one with no '\r' fixes '\n', so csv-parse
 * gets the same record delimiter.
 */
function settleLineEnding(bytes: Uint8Array, lineStart: number, end: number, state: ByteSplitState): void {
  if (state.crlf !== undefined) return
  const nl = bytes.indexOf(LF, lineStart)
  if (nl < 0 || nl >= end) return
  const cr = bytes.indexOf(CR, lineStart)
  if (cr < 0 || cr > nl) state.crlf = false
  else if (cr === nl - 1) state.crlf = true
}
