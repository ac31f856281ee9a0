/**
 * Map from a double to a dense index 0, 1, 2, … in order of first insertion: an open-addressing
 * hash table (linear probing, load ≤ 1/2) on the IEEE-754 bit pattern, with keys in a
 * Float64Array. It replaces a `Map<number, number>` in the per-cell hot path of column profiling:
 * V8's Map boxes non-integer keys as heap numbers and hashes them in a builtin call, several
 * times slower than this inline probe (measured: bench/credit/binning.ts).
 * −0 is stored as +0 (Map's SameValueZero); NaN must not be inserted.
 */
const scratch = new Float64Array(1)
const words = new Uint32Array(scratch.buffer)

export class DoubleIndex {
  private keys: Float64Array
  /** index + 1 per slot, 0 = empty. */
  private slots: Int32Array
  private mask: number
  private list: number[] = []

  constructor(capacity = 1024) {
    let size = 16
    while (size < 2 * capacity) size *= 2
    this.keys = new Float64Array(size)
    this.slots = new Int32Array(size)
    this.mask = size - 1
  }

  get size(): number {
    return this.list.length
  }

  /** The distinct keys in insertion order (key i has index i). */
  keysInOrder(): readonly number[] {
    return this.list
  }

  /** The index of x, inserting it when new. */
  indexOf(value: number): number {
    const x = value === 0 ? 0 : value
    let h = this.hash(x)
    for (;;) {
      const s = this.slots[h]
      if (s === 0) break
      if (this.keys[h] === x) return s - 1
      h = (h + 1) & this.mask
    }
    const index = this.list.length
    this.list.push(x)
    this.keys[h] = x
    this.slots[h] = index + 1
    if (2 * this.list.length > this.mask) this.grow()
    return index
  }

  private hash(x: number): number {
    scratch[0] = x
    // murmur3-style mix of both 32-bit halves (decimal data differ mostly in the low mantissa bits)
    let h = Math.imul(words[0] ^ Math.imul(words[1], 0x9e3779b1), 0x85ebca6b)
    h ^= h >>> 13
    h = Math.imul(h, 0xc2b2ae35)
    h ^= h >>> 16
    return h & this.mask
  }

  private grow(): void {
    const size = 2 * (this.mask + 1)
    this.keys = new Float64Array(size)
    this.slots = new Int32Array(size)
    this.mask = size - 1
    this.list.forEach((x, i) => {
      let h = this.hash(x)
      while (this.slots[h] !== 0) h = (h + 1) & this.mask
      this.keys[h] = x
      this.slots[h] = i + 1
    })
  }
}
