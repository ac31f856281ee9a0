/**
 * Lifts the numeric arrays out of one JSON text before JSON.parse sees it. Embedding-heavy JSONL
 * lines are ~99 % numbers; JSON.parse turns each into a boxed array element that is then walked by
 * the finiteness check and the schema validator, and copied again into a Float64Array. Here every
 * non-empty array of plain JSON numbers is parsed straight into a Float64Array and replaced in
 * the text by the placeholder `[k]` (k = its index in `arrays`), so JSON.parse, the finiteness
 * check and the validator only see the small skeleton.
 *
 * Values equal JSON.parse's bit for bit: a literal with at most 15 significant digits and a decimal
 * exponent within ±22 is M·10^e or M/10^e with M and 10^|e| exact doubles, one correctly rounded
 * operation (Clinger, "How to read floating point numbers accurately", PLDI 1990,
 * doi:10.1145/93542.93557); every other literal goes through Number(), which is correctly rounded
 * like JSON.parse. An array that is not pure JSON numbers (strings, nesting, `01`, `.5`) is left in
 * the text for JSON.parse to judge. A literal that overflows to ±Infinity makes the whole
 * extraction give up (`undefined`), so the caller's usual path can name the field.
 */

export interface ExtractedNumberArrays {
  /** The text with each extracted array replaced by `[k]`. */
  readonly skeleton: string
  /** The extracted arrays, in document order. */
  readonly arrays: Float64Array[]
}

/** 10^0 … 10^22: the powers of ten a double holds exactly. */
const EXACT_POWERS = Float64Array.from({length: 23}, (_, k) => 10 ** k)
const MAX_FAST_DIGITS = 15

const QUOTE = 34
const BACKSLASH = 92
const OPEN = 91
const CLOSE = 93
const COMMA = 44
const MINUS = 45
const PLUS = 43
const DOT = 46
const ZERO = 48
const NINE = 57
const LOWER_E = 101
const UPPER_E = 69

const isDigit = (c: number): boolean => c >= ZERO && c <= NINE
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13

/** Index just past the closing quote of the string literal opening at `start`. */
function skipString(text: string, start: number): number {
  let i = start + 1
  for (;;) {
    const q = text.indexOf('"', i)
    if (q < 0) return text.length
    let slashes = 0
    for (let k = q - 1; text.charCodeAt(k) === BACKSLASH; k--) slashes++
    if (slashes % 2 === 0) return q + 1
    i = q + 1
  }
}

/** Parser state shared by the number reader: where the last literal ended. */
interface Cursor {
  pos: number
}

/**
 * Reads the JSON number literal at `cursor.pos`; returns NaN when the text there is not one
 * (the grammar is `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`).
 */
function readNumber(text: string, cursor: Cursor): number {
  const start = cursor.pos
  let i = start
  const negative = text.charCodeAt(i) === MINUS
  if (negative) i++
  let mantissa = 0
  let significant = 0
  let c = text.charCodeAt(i)
  if (c === ZERO) {
    i++
  } else if (isDigit(c)) {
    for (; isDigit((c = text.charCodeAt(i))); i++) {
      mantissa = mantissa * 10 + (c - ZERO)
      significant++
    }
  } else {
    return NaN
  }
  let exponent = 0
  if (text.charCodeAt(i) === DOT) {
    i++
    if (!isDigit(text.charCodeAt(i))) return NaN
    for (; isDigit((c = text.charCodeAt(i))); i++) {
      if (significant > 0 || c !== ZERO) {
        mantissa = mantissa * 10 + (c - ZERO)
        significant++
      }
      exponent--
    }
  }
  c = text.charCodeAt(i)
  if (c === LOWER_E || c === UPPER_E) {
    i++
    c = text.charCodeAt(i)
    const negativeExponent = c === MINUS
    if (c === MINUS || c === PLUS) i++
    if (!isDigit(text.charCodeAt(i))) return NaN
    let e = 0
    for (; isDigit((c = text.charCodeAt(i))); i++) e = e * 10 + (c - ZERO)
    exponent += negativeExponent ? -e : e
  }
  cursor.pos = i
  if (significant > MAX_FAST_DIGITS || exponent > 22 || exponent < -22) return Number(text.slice(start, i))
  const magnitude = exponent < 0 ? mantissa / EXACT_POWERS[-exponent] : mantissa * EXACT_POWERS[exponent]
  return negative ? -magnitude : magnitude
}

function skipSpaces(text: string, i: number): number {
  while (isSpace(text.charCodeAt(i))) i++
  return i
}

/** Outcome of trying to read a pure number array at an opening bracket. */
type ArrayAttempt = {values: number[]; end: number} | 'not-numbers' | 'non-finite'

/** Reads `[n, n, …]` starting at the bracket `open`. */
function readNumberArray(text: string, open: number, cursor: Cursor, scratch: number[]): ArrayAttempt {
  scratch.length = 0
  let i = skipSpaces(text, open + 1)
  if (text.charCodeAt(i) === CLOSE) return 'not-numbers' // [] stays for the schema to judge
  for (;;) {
    cursor.pos = i
    const v = readNumber(text, cursor)
    if (Number.isNaN(v)) return 'not-numbers'
    if (!Number.isFinite(v)) return 'non-finite'
    scratch.push(v)
    i = skipSpaces(text, cursor.pos)
    const c = text.charCodeAt(i)
    if (c === CLOSE) return {values: scratch, end: i + 1}
    if (c !== COMMA) return 'not-numbers'
    i = skipSpaces(text, i + 1)
  }
}

/**
 * Extracts every non-empty array of plain JSON numbers from `text` (see the file header).
 * Returns undefined when a number literal overflows a double.
 */
export function extractNumberArrays(text: string): ExtractedNumberArrays | undefined {
  const arrays: Float64Array[] = []
  const pieces: string[] = []
  const cursor: Cursor = {pos: 0}
  const scratch: number[] = []
  let copied = 0
  let i = 0
  const n = text.length
  while (i < n) {
    const c = text.charCodeAt(i)
    if (c === QUOTE) {
      i = skipString(text, i)
      continue
    }
    if (c !== OPEN) {
      i++
      continue
    }
    const attempt = readNumberArray(text, i, cursor, scratch)
    if (attempt === 'non-finite') return undefined
    if (attempt === 'not-numbers') {
      i++ // an outer array of arrays, strings or malformed numbers: its inner arrays are still tried
      continue
    }
    pieces.push(text.slice(copied, i), `[${arrays.length}]`)
    arrays.push(Float64Array.from(attempt.values))
    i = attempt.end
    copied = i
  }
  pieces.push(text.slice(copied))
  return {skeleton: pieces.join(''), arrays}
}
