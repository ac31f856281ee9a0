/**
 * Bytes that are not UTF-8 in a CSV file. They decode to U+FFFD like in any text reader (a Latin-1 export would
 * otherwise stop the run), but not silently: the first place (line and column) is reported once, on stderr and
 * in the reader's warnings, which the credit reports carry. Whole regions are validated at once with Node's
 * native `isUtf8` (no string made); only a region that fails is searched cell by cell for the first bad cell.
 */
import {isUtf8} from 'node:buffer'
import type {CellOffsets} from './csv-byte-lines.js'

const LF = 10
const COMMA = 44

/** Where the first bytes that are not UTF-8 are: physical line (1-based) and column index. */
export interface Utf8Place {
  readonly line: number
  readonly column: number
}

export class Utf8Check {
  private header: readonly string[] | undefined
  private found: Utf8Place | undefined
  private reported = false

  constructor(
    private readonly file: string,
    private readonly warnings: string[],
    private readonly warn: (text: string) => void = (text) => process.stderr.write(`infolens: warning: ${text}\n`),
  ) {}

  /** Column names for the message (the header is read after the first batch was checked). */
  setHeader(header: readonly string[]): void {
    this.header = header
    this.report()
  }

  /** The first place found so far. */
  get firstPlace(): Utf8Place | undefined {
    return this.found
  }

  /** Takes a place found by another reader of the same file (a worker's range, its line placed in the file). */
  adopt(place: Utf8Place): void {
    if (this.found) return
    this.found = place
    this.report()
  }

  /** Checks the records of one fast-path batch (cells as offsets, one physical line each). */
  checkRecords(bytes: Uint8Array, out: CellOffsets, width: number): void {
    if (this.found || out.rows === 0) return
    const last = out.rows * width - 1
    if (isUtf8(bytes.subarray(out.starts[0], out.ends[last]))) return
    for (let k = 0; k <= last; k++) {
      if (!isUtf8(bytes.subarray(out.starts[k], out.ends[k]))) {
        this.found = {line: out.lines[Math.floor(k / width)], column: k % width}
        return this.report()
      }
    }
  }

  /**
   * Checks a text region of the quoted-CSV path that starts at physical line `line`; returns the line after it.
   * The column is counted by commas on the physical line (a quoted comma before the bad byte shifts it).
   */
  checkText(region: Uint8Array, line: number): number {
    if (this.found) return line
    if (isUtf8(region)) return line + count(region, LF)
    let start = 0
    for (;;) {
      const nl = region.indexOf(LF, start)
      const stop = nl < 0 ? region.length : nl + 1
      const text = region.subarray(start, stop)
      if (!isUtf8(text)) {
        let column = 0
        let cellStart = 0
        for (let comma = text.indexOf(COMMA); comma >= 0; comma = text.indexOf(COMMA, comma + 1)) {
          if (!isUtf8(text.subarray(cellStart, comma))) break
          column++
          cellStart = comma + 1
        }
        this.found = {line, column}
        this.report()
        return line
      }
      line++
      start = stop
    }
  }

  private report(): void {
    if (!this.found || !this.header || this.reported) return
    this.reported = true
    const {line, column} = this.found
    const name = this.header[column] ?? `#${column + 1}`
    const text =
      `${this.file}: line ${line}, column ${name}: bytes that are not UTF-8 (first occurrence); ` +
      'they were read as U+FFFD (re-encode the file as UTF-8 to keep them)'
    this.warnings.push(text)
    this.warn(text)
  }
}

function count(bytes: Uint8Array, byte: number): number {
  let n = 0
  for (let i = bytes.indexOf(byte); i >= 0; i = bytes.indexOf(byte, i + 1)) n++
  return n
}
