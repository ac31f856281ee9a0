/**
 * Map from a short cell (1 to 8 raw bytes) to a small integer the caller chose: the memo that lets the CSV hot loops
 * skip the decimal parser for a number text they have met before. A numeric column of credit data repeats its texts
 * (amounts, ages, rates with few decimals), so most cells are seen many times; what a cell means (its slot among the
 * distinct doubles, its bin) is a function of its bytes alone, so the caller parses a text once, decides, and stores
 * the answer here.
 *
 * Why not ./byte-key-index.ts: that index hashes byte by byte and compares against an arena; here the key is packed
 * into two 32-bit integers (bytes 0–3 and 4–7, little end first) and the length, so a probe is two integer
 * comparisons. Open addressing, linear probing, load ≤ 1/2. Each slot holds value·16 + length (0 = empty), so
 * "1" and "1\0" differ even though their packed bytes agree.
 *
 * Bounded: at most `limit` entries. A column with more distinct short texts than that (high-cardinality data) keeps
 * the entries it has; once it has missed `limit` more times after filling up, the memo is switched off (get answers
 * −1 at once), so such a column costs about what it cost without one.
 */
export class ShortCellIndex {
  private lows = new Int32Array(256)
  private highs = new Int32Array(256)
  /** value·16 + length per slot, 0 = empty. */
  private entries = new Int32Array(256)
  private mask = 255
  private count = 0
  /** Misses counted once full; past `limit` of them the index stops answering. */
  private missesWhenFull = 0
  /** Longest cell looked up: 8, or 0 once switched off. */
  private maxLength = 8

  constructor(readonly limit = 1 << 16) {}

  get size(): number {
    return this.count
  }

  /** Whether lookups are still made (false once a full index kept missing). */
  get active(): boolean {
    return this.maxLength > 0
  }

  /** The value stored for bytes[start, end), or −1 when absent (or the cell is empty or longer than 8 bytes). */
  get(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start
    if (length > this.maxLength || length <= 0) return -1
    const low = packLow(bytes, start, end)
    const high = length > 4 ? packHigh(bytes, start, end) : 0
    const {lows, highs, entries, mask} = this
    for (let s = hashKey(low, high, length) & mask; ; s = (s + 1) & mask) {
      const e = entries[s]
      if (e === 0) return -1
      if (lows[s] === low && highs[s] === high && (e & 15) === length) return e >> 4
    }
  }

  /** Stores value (0 ≤ value < 2^27) for bytes[start, end) when the cell is 1 to 8 bytes long and absent. */
  set(bytes: Uint8Array, start: number, end: number, value: number): void {
    const length = end - start
    if (length > this.maxLength || length <= 0) return
    if (this.count >= this.limit) {
      if (++this.missesWhenFull > this.limit) this.maxLength = 0
      return
    }
    const low = packLow(bytes, start, end)
    const high = length > 4 ? packHigh(bytes, start, end) : 0
    if (this.place(low, high, value * 16 + length) && 2 * ++this.count > this.mask) this.grow()
  }

  /** Puts an entry into its slot; false when the key was there already. */
  private place(low: number, high: number, entry: number): boolean {
    const {lows, highs, entries, mask} = this
    const length = entry & 15
    let s = hashKey(low, high, length) & mask
    for (; entries[s] !== 0; s = (s + 1) & mask)
      if (lows[s] === low && highs[s] === high && (entries[s] & 15) === length) return false
    lows[s] = low
    highs[s] = high
    entries[s] = entry
    return true
  }

  private grow(): void {
    const {lows, highs, entries} = this
    this.lows = new Int32Array(2 * lows.length)
    this.highs = new Int32Array(2 * lows.length)
    this.entries = new Int32Array(2 * lows.length)
    this.mask = 2 * lows.length - 1
    for (let s = 0; s < entries.length; s++) if (entries[s] !== 0) this.place(lows[s], highs[s], entries[s])
  }
}

/** Bytes 0–3 of the cell (fewer when shorter), the first in the lowest 8 bits. */
function packLow(bytes: Uint8Array, start: number, end: number): number {
  const stop = end - start > 4 ? start + 4 : end
  let key = 0
  for (let i = start, shift = 0; i < stop; i++, shift += 8) key |= bytes[i] << shift
  return key
}

/** Bytes 4–7 of a cell longer than 4 bytes. */
function packHigh(bytes: Uint8Array, start: number, end: number): number {
  let key = 0
  for (let i = start + 4, shift = 0; i < end; i++, shift += 8) key |= bytes[i] << shift
  return key
}

/** A murmur3-style mix of the packed key (as a signed 32-bit integer: a small integer for V8). */
function hashKey(low: number, high: number, length: number): number {
  let h = Math.imul(low ^ Math.imul(high ^ length, 0x9e3779b1), 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return h ^ (h >>> 16)
}
