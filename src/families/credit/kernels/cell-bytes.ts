/**
 * Cells as byte ranges of a UTF-8 buffer: the byte-level twins of ./cell-value.ts, for the hot loop of the CSV
 * reader, which hands each cell over as `bytes[start, end)` instead of a string. Two functions:
 * - cellText: the cell's text (UTF-8 decoding, invalid bytes → U+FFFD, as a text-mode file read gives).
 * - parseNumericBytes: exactly parseNumericCell(cellText(...)), bit for bit, without making the string for the
 *   common plain decimal (`-12.5`, `3e-4`).
 * The contract of both (byte path = text path) is what lets every consumer read bytes and text alike; it is tested
 * on tricky and random literals (test/families/credit/kernels/cell-bytes.test.ts).
 */
import {parseNumericCell} from './cell-value.js'

// ignoreBOM: a U+FEFF inside the data is a character of the cell (the file's leading BOM is dropped by the reader)
const utf8 = new TextDecoder('utf-8', {ignoreBOM: true})

/** The text of bytes[start, end), decoded as UTF-8 (invalid sequences become U+FFFD). */
export function cellText(bytes: Uint8Array, start: number, end: number): string {
  if (end - start <= 16) {
    // short ASCII cells (levels, class labels, missing tokens) without the decoder's call overhead
    let ascii = ''
    for (let i = start; i < end; i++) {
      const c = bytes[i]
      if (c >= 128) return utf8.decode(bytes.subarray(start, end))
      ascii += String.fromCharCode(c)
    }
    return ascii
  }
  return utf8.decode(bytes.subarray(start, end))
}

/** 10^0 … 10^22: every one is an exact double (5^22 < 2^53). */
const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
  1e21, 1e22,
]
/** Largest m with 10·m + 9 < 2^53, so the digit accumulator stays an exact integer. */
const MANTISSA_LIMIT = 900_719_925_474_098

/**
 * The number in bytes[start, end), or NaN when the cell is not a decimal literal: always equal to
 * parseNumericCell(cellText(bytes, start, end)), including the sign of zero.
 *
 * Fast path: an ASCII literal without surrounding white space whose digits fit an exact integer m < 2^53 and
 * whose decimal exponent e has |e| ≤ 22. Then m and 10^|e| are exact doubles and the one IEEE operation m·10^e or
 * m/10^−e is correctly rounded, i.e. equal to Number(text) (Clinger's fast path, W. D. Clinger, "How to read
 * floating point numbers accurately", PLDI 1990). Every other cell (white space or non-ASCII bytes at either end,
 * 17+ significant digits, a large exponent) is decoded and given to parseNumericCell, the definition.
 */
export function parseNumericBytes(bytes: Uint8Array, start: number, end: number): number {
  if (start >= end) return Number.NaN
  const first = bytes[start]
  const last = bytes[end - 1]
  if (first <= 32 || last <= 32 || first >= 127 || last >= 127) return slowPath(bytes, start, end)
  let i = start
  let c = first
  const negative = c === 45
  if (c === 43 || c === 45) c = ++i < end ? bytes[i] : -1
  let m = 0
  let scale = 0
  let digits = 0
  while (c >= 48 && c <= 57) {
    if (m >= MANTISSA_LIMIT) return slowPath(bytes, start, end)
    m = m * 10 + (c - 48)
    digits++
    c = ++i < end ? bytes[i] : -1
  }
  if (c === 46) {
    c = ++i < end ? bytes[i] : -1
    while (c >= 48 && c <= 57) {
      if (m >= MANTISSA_LIMIT) return slowPath(bytes, start, end)
      m = m * 10 + (c - 48)
      scale--
      digits++
      c = ++i < end ? bytes[i] : -1
    }
  }
  if (digits === 0) return Number.NaN
  if (c === 101 || c === 69) {
    c = ++i < end ? bytes[i] : -1
    const expNegative = c === 45
    if (c === 43 || c === 45) c = ++i < end ? bytes[i] : -1
    let e = 0
    let expDigits = 0
    while (c >= 48 && c <= 57) {
      if (e < 100_000) e = e * 10 + (c - 48)
      expDigits++
      c = ++i < end ? bytes[i] : -1
    }
    if (expDigits === 0) return Number.NaN
    scale += expNegative ? -e : e
  }
  if (i !== end) return Number.NaN
  let x: number
  if (m === 0) x = 0
  else if (scale >= 0 && scale <= 22) x = m * POW10[scale]
  else if (scale < 0 && scale >= -22) x = m / POW10[-scale]
  else return slowPath(bytes, start, end)
  return negative ? -x : x
}

function slowPath(bytes: Uint8Array, start: number, end: number): number {
  return parseNumericCell(cellText(bytes, start, end))
}
