/**
 * Lifts the numeric arrays out of one JSON text (UTF-8 bytes) before JSON.parse sees it. Embedding-heavy JSONL
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

/** Reads number literals and number arrays from UTF-8 bytes; `pos` is where the last read stopped. */
class NumberScanner {
  pos = 0
  private values = new Float64Array(1024)
  private count = 0

  constructor(private readonly bytes: Uint8Array) {}

  /** Index just past the closing quote of the string literal opening at `start`. */
  skipString(start: number): number {
    const b = this.bytes
    for (let i = start + 1; i < b.length; i++) {
      const c = b[i]
      if (c === BACKSLASH) i++
      else if (c === QUOTE) return i + 1
    }
    return b.length
  }

  /** The literal's text, for the rare literals the fast path cannot take (ASCII by the grammar). */
  private literal(start: number, end: number): string {
    let s = ''
    for (let i = start; i < end; i++) s += String.fromCharCode(this.bytes[i])
    return s
  }

  /**
   * Reads the JSON number literal at `pos`; NaN when the bytes there are not one
   * (the grammar is `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`).
   */
  readNumber(): number {
    const b = this.bytes
    const start = this.pos
    let i = start
    const negative = b[i] === MINUS
    if (negative) i++
    let mantissa = 0
    let significant = 0
    let c = b[i]
    if (c === ZERO) {
      i++
    } else if (isDigit(c)) {
      const first = i
      for (; isDigit((c = b[i])); i++) mantissa = mantissa * 10 + (c - ZERO)
      significant = i - first
    } else {
      return NaN
    }
    let exponent = 0
    if (b[i] === DOT) {
      const first = ++i
      if (mantissa === 0) while (b[i] === ZERO) i++ // leading zeros of 0.000123 are not significant
      const firstSignificant = i
      for (; isDigit((c = b[i])); i++) mantissa = mantissa * 10 + (c - ZERO)
      if (i === first) return NaN
      significant += i - firstSignificant
      exponent = first - i
    }
    c = b[i]
    if (c === LOWER_E || c === UPPER_E) {
      i++
      c = b[i]
      const negativeExponent = c === MINUS
      if (c === MINUS || c === PLUS) i++
      if (!isDigit(b[i])) return NaN
      let e = 0
      for (; isDigit((c = b[i])); i++) e = e * 10 + (c - ZERO)
      exponent += negativeExponent ? -e : e
    }
    this.pos = i
    if (significant > MAX_FAST_DIGITS || exponent > 22 || exponent < -22) return Number(this.literal(start, i))
    const magnitude = exponent < 0 ? mantissa / EXACT_POWERS[-exponent] : mantissa * EXACT_POWERS[exponent]
    return negative ? -magnitude : magnitude
  }

  skipSpaces(i: number): number {
    const b = this.bytes
    while (isSpace(b[i])) i++
    return i
  }

  private push(v: number): void {
    if (this.count === this.values.length) {
      const grown = new Float64Array(this.values.length * 2)
      grown.set(this.values)
      this.values = grown
    }
    this.values[this.count++] = v
  }

  /**
   * Reads `[n, n, …]` at the bracket `open`: the values (and `pos` just past the bracket), or why not.
   * `[]` is left alone for the schema to judge.
   */
  readNumberArray(open: number): Float64Array | 'not-numbers' | 'non-finite' {
    const b = this.bytes
    this.count = 0
    let i = this.skipSpaces(open + 1)
    if (b[i] === CLOSE) return 'not-numbers'
    for (;;) {
      this.pos = i
      const v = this.readNumber()
      if (v !== v) return 'not-numbers' // NaN: not a literal
      if (v === Infinity || v === -Infinity) return 'non-finite'
      this.push(v)
      i = this.skipSpaces(this.pos)
      const c = b[i]
      if (c === CLOSE) {
        this.pos = i + 1
        return this.values.slice(0, this.count)
      }
      if (c !== COMMA) return 'not-numbers'
      i = this.skipSpaces(i + 1)
    }
  }
}

/**
 * Extracts every non-empty array of plain JSON numbers from the UTF-8 JSON text `bytes` (see the
 * file header). Returns undefined when a number literal overflows a double.
 */
export function extractNumberArrays(bytes: Uint8Array): ExtractedNumberArrays | undefined {
  const scanner = new NumberScanner(bytes)
  const decoder = new TextDecoder()
  const arrays: Float64Array[] = []
  const pieces: string[] = []
  let copied = 0
  let i = 0
  const n = bytes.length
  while (i < n) {
    const c = bytes[i]
    if (c === QUOTE) {
      i = scanner.skipString(i)
      continue
    }
    if (c !== OPEN) {
      i++
      continue
    }
    const attempt = scanner.readNumberArray(i)
    if (attempt === 'non-finite') return undefined
    if (attempt === 'not-numbers') {
      i++ // an outer array of arrays, strings or malformed numbers: its inner arrays are still tried
      continue
    }
    pieces.push(decoder.decode(bytes.subarray(copied, i)), `[${arrays.length}]`)
    arrays.push(attempt)
    i = scanner.pos
    copied = i
  }
  pieces.push(decoder.decode(bytes.subarray(copied)))
  return {skeleton: pieces.join(''), arrays}
}
