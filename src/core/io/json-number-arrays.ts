/**
 * Lifts the numeric arrays out of one JSON text (UTF-8 bytes) before JSON.parse sees it. Embedding-heavy JSONL
 * lines are ~99 % numbers; JSON.parse turns each into a boxed array element that is then walked by
 * the finiteness check and the schema validator, and copied again into a Float64Array. Here every
 * non-empty array of plain JSON numbers is parsed straight into a Float64Array (all of a text's
 * arrays are views of one buffer) and replaced in the text by the placeholder `[k]` (k = its index
 * in `arrays`), so JSON.parse, the finiteness check and the validator only see the small skeleton.
 *
 * Values equal JSON.parse's bit for bit: a literal with at most 15 significant digits and a decimal
 * exponent within ±22 is M·10^e or M/10^e with M and 10^|e| exact doubles, one correctly rounded
 * operation (Clinger, "How to read floating point numbers accurately", PLDI 1990,
 * doi:10.1145/93542.93557); every other literal goes through Number(), which is correctly rounded
 * like JSON.parse. An array that is not pure JSON numbers (strings, nesting, `01`, `.5`) is left in
 * the text for JSON.parse to judge. A literal that overflows to ±Infinity makes the whole
 * extraction give up (`undefined`), so the caller's usual path can name the field.
 *
 * One file of more than 250 lines: the common-literal loop, the general literal reader and the array
 * and text loops share one cursor and one value buffer, and are only correct (bit-equal to
 * JSON.parse) together; the tests treat them as one unit.
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

/**
 * Reads number literals and number arrays from UTF-8 bytes; `pos` is where the last read stopped.
 * The values of all arrays of one text go into one growing buffer and each array is a view of it
 * (one allocation per text, not one per array: a 60-embedding line made 60 small buffers before).
 */
class NumberScanner {
  pos = 0
  private values: Float64Array
  private count = 0

  constructor(private readonly bytes: Uint8Array) {
    // a number takes at least 2 bytes ("1,"); embeddings printed with 5-17 digits take 8-20, so one
    // value per 7 bytes rarely has to grow and wastes little (the views keep the buffer alive)
    this.values = new Float64Array(Math.max(256, Math.ceil(bytes.length / 7)))
  }

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
   * Written with locals only (no property writes per digit): this loop is most of a line's reading time.
   */
  readNumber(): number {
    const b = this.bytes
    const start = this.pos
    let i = start
    let c = b[i]
    const negative = c === MINUS
    if (negative) c = b[++i]
    let mantissa = 0
    let significant = 0
    if (c === ZERO) {
      c = b[++i]
    } else if (c > ZERO && c <= NINE) {
      const first = i
      do {
        mantissa = mantissa * 10 + (c - ZERO)
        c = b[++i]
      } while (c >= ZERO && c <= NINE)
      significant = i - first
    } else {
      return NaN
    }
    let exponent = 0
    if (c === DOT) {
      const first = ++i
      c = b[i]
      if (mantissa === 0) while (c === ZERO) c = b[++i] // leading zeros of 0.000123 are not significant
      const firstSignificant = i
      while (c >= ZERO && c <= NINE) {
        mantissa = mantissa * 10 + (c - ZERO)
        c = b[++i]
      }
      if (i === first) return NaN
      significant += i - firstSignificant
      exponent = first - i
    }
    if (c === LOWER_E || c === UPPER_E) {
      c = b[++i]
      const negativeExponent = c === MINUS
      if (c === MINUS || c === PLUS) c = b[++i]
      if (!isDigit(c)) return NaN
      let e = 0
      while (c >= ZERO && c <= NINE) {
        e = e * 10 + (c - ZERO)
        c = b[++i]
      }
      exponent += negativeExponent ? -e : e
    }
    this.pos = i
    if (significant > MAX_FAST_DIGITS || exponent > 22 || exponent < -22) return Number(this.literal(start, i))
    const magnitude = exponent < 0 ? mantissa / EXACT_POWERS[-exponent] : mantissa * EXACT_POWERS[exponent]
    return negative ? -magnitude : magnitude
  }

  /**
   * The common literal, `-?digits(.digits)?` with at most 15 significant digits and no exponent,
   * read with a short loop that V8 inlines into the array loop; anything else goes to readNumber.
   * Sets `pos` past the literal.
   */
  private readPlainDecimal(start: number): number {
    const b = this.bytes
    let i = start
    let c = b[i]
    const negative = c === MINUS
    if (negative) c = b[++i]
    if (c < ZERO || c > NINE) return this.readNumberAt(start)
    let mantissa = 0
    const first = i
    let dot = -1
    do {
      mantissa = mantissa * 10 + (c - ZERO)
      c = b[++i]
    } while (c >= ZERO && c <= NINE)
    if (c === DOT) {
      dot = i
      c = b[++i]
      while (c >= ZERO && c <= NINE) {
        mantissa = mantissa * 10 + (c - ZERO)
        c = b[++i]
      }
    }
    // an exponent, more than 15 digits (leading zeros counted: rare), a dot first or last, "01": the full reader
    const digits = i - first - (dot < 0 ? 0 : 1)
    const badZero = b[first] === ZERO && i - first > 1 && dot !== first + 1
    if (c === LOWER_E || c === UPPER_E || digits > MAX_FAST_DIGITS || dot === first || dot === i - 1 || badZero)
      return this.readNumberAt(start)
    this.pos = i
    const magnitude = dot < 0 ? mantissa : mantissa / EXACT_POWERS[i - dot - 1]
    return negative ? -magnitude : magnitude
  }

  private readNumberAt(start: number): number {
    this.pos = start
    return this.readNumber()
  }

  skipSpaces(i: number): number {
    const b = this.bytes
    while (isSpace(b[i])) i++
    return i
  }

  /** Room for one more value in the shared buffer; earlier arrays keep their (old) buffer. */
  private grow(): void {
    const grown = new Float64Array(this.values.length * 2)
    grown.set(this.values.subarray(0, this.count))
    this.values = grown
  }

  /**
   * Reads `[n, n, …]` at the bracket `open`: the values (and `pos` just past the bracket), or why not.
   * `[]` is left alone for the schema to judge. The common literal (`-?digits.digits` with at most 15
   * digits, no exponent, followed by `,` or `]`) is read right here, with the cursor, the value count
   * and the buffer in locals: this loop runs once per number of the file, and keeping its state out of
   * object properties (a load and a store each per number) took ≈ 12 % off it. Anything else (spaces,
   * exponents, integers, long or odd literals) goes through readPlainDecimal/readNumber as before.
   */
  readNumberArray(open: number): Float64Array | 'not-numbers' | 'non-finite' {
    const b = this.bytes
    const first = this.count
    let values = this.values
    let count = first
    let i = this.skipSpaces(open + 1)
    if (b[i] === CLOSE) return 'not-numbers'
    for (;;) {
      if (count === values.length) {
        this.count = count
        this.grow()
        values = this.values
      }
      const start = i
      let c = b[i]
      const negative = c === MINUS
      if (negative) c = b[++i]
      let mantissa = c - ZERO
      const firstDigit = i
      let stored = false
      if (mantissa >= 0 && mantissa <= 9) {
        c = b[++i]
        while (c >= ZERO && c <= NINE) {
          mantissa = mantissa * 10 + (c - ZERO)
          c = b[++i]
        }
        const intDigits = i - firstDigit
        if (c === DOT && (intDigits === 1 || b[firstDigit] !== ZERO)) {
          const dot = i
          c = b[++i]
          while (c >= ZERO && c <= NINE) {
            mantissa = mantissa * 10 + (c - ZERO)
            c = b[++i]
          }
          const scale = i - dot - 1
          // one correctly rounded division of two exact doubles (see the file header); stored here,
          // not through a variable shared with the general path below, so V8 keeps it an unboxed
          // double (a shared one was boxed: 16 bytes of heap per number, 117 MB per 64 MB file)
          if (scale > 0 && intDigits + scale <= MAX_FAST_DIGITS && (c === COMMA || c === CLOSE)) {
            const magnitude = mantissa / EXACT_POWERS[scale]
            values[count++] = negative ? -magnitude : magnitude
            stored = true
          }
        }
      }
      if (!stored) {
        // not the common literal: the general readers, from its start
        const v = this.readPlainDecimal(start)
        if (v !== v) return this.rollBack(first, 'not-numbers') // NaN: not a literal
        if (v === Infinity || v === -Infinity) return this.rollBack(first, 'non-finite')
        values[count++] = v
        i = this.pos
        c = b[i]
        if (isSpace(c)) c = b[(i = this.skipSpaces(i))]
      }
      if (c === CLOSE) {
        this.count = count
        this.pos = i + 1
        return values.subarray(first, count)
      }
      if (c !== COMMA) return this.rollBack(first, 'not-numbers')
      i++
      if (isSpace(b[i])) i = this.skipSpaces(i)
    }
  }

  /** Forgets the values of an array that turned out not to be one. */
  private rollBack<T>(first: number, why: T): T {
    this.count = first
    return why
  }
}

/**
 * Extracts every non-empty array of plain JSON numbers from the UTF-8 JSON text `bytes` (see the
 * file header). Returns undefined when a number literal overflows a double.
 */
export function extractNumberArrays(bytes: Uint8Array): ExtractedNumberArrays | undefined {
  const scanner = new NumberScanner(bytes)
  const arrays: Float64Array[] = []
  const opens: number[] = [] // where each extracted array began (its `[`); it ended where the next piece starts
  const ends: number[] = []
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
    opens.push(i)
    arrays.push(attempt)
    i = scanner.pos
    ends.push(i)
  }
  return {skeleton: skeletonText(bytes, opens, ends), arrays}
}

/**
 * The text with bytes [opens[k], ends[k]) replaced by `[k]`, decoded once: one TextDecoder call per
 * line instead of one per piece between arrays (61 per standard-shape line, each with a fixed cost).
 * The cuts sit at ASCII brackets, so decoding the pieces together or apart gives the same text.
 */
function skeletonText(bytes: Uint8Array, opens: readonly number[], ends: readonly number[]): string {
  let size = bytes.length
  for (let k = 0; k < opens.length; k++) size += placeholderLength(k) - (ends[k] - opens[k])
  const out = new Uint8Array(size)
  let from = 0
  let at = 0
  for (let k = 0; k < opens.length; k++) {
    out.set(bytes.subarray(from, opens[k]), at)
    at += opens[k] - from
    at = writePlaceholder(out, at, k)
    from = ends[k]
  }
  out.set(bytes.subarray(from), at)
  return new TextDecoder().decode(out)
}

/** Bytes of `[k]`. */
function placeholderLength(k: number): number {
  let digits = 1
  for (let v = k; v >= 10; v = Math.floor(v / 10)) digits++
  return digits + 2
}

/** Writes `[k]` at `at`; returns the position after it. */
function writePlaceholder(out: Uint8Array, at: number, k: number): number {
  const end = at + placeholderLength(k)
  out[at] = OPEN
  out[end - 1] = CLOSE
  let v = k
  for (let p = end - 2; p > at; p--) {
    out[p] = ZERO + (v % 10)
    v = Math.floor(v / 10)
  }
  return end
}
