/**
 * Map from a byte string (a cell's raw bytes) to a small integer the caller chose: the dictionary that lets the
 * CSV hot loop recognise a category, a class label or a missing token without making a string per cell. The
 * caller decodes a cell's text only the first time its bytes are seen, decides what the text means (a level's
 * slot, a bin, a class) and stores that here, since the meaning is a function of the text alone.
 *
 * Open addressing with linear probing (load ≤ 1/2); keys are copied into one growing byte arena. FNV-1a hash.
 * `limit` bounds the entries (an identifier column would otherwise keep every id): past it, set() is ignored
 * and the caller takes its text path for the unknown cells.
 */
export class ByteKeyIndex {
  private arena = new Uint8Array(1024)
  private used = 0
  private count = 0
  /** Per entry e: arena offset, length, hash and value (typed arrays: the probe reads them per cell). */
  private offsets = new Int32Array(32)
  private lengths = new Int32Array(32)
  private hashes = new Int32Array(32)
  private values = new Int32Array(32)
  /** Entry index + 1 per table slot, 0 = empty. */
  private table = new Int32Array(64)
  private mask = 63

  constructor(readonly limit = 1 << 16) {}

  get size(): number {
    return this.count
  }

  /** The value stored for bytes[start, end), or −1 when absent. */
  get(bytes: Uint8Array, start: number, end: number): number {
    const h = hashBytes(bytes, start, end)
    for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
      const e = this.table[s] - 1
      if (e < 0) return -1
      if (this.hashes[e] === h && this.equals(e, bytes, start, end)) return this.values[e]
    }
  }

  /** Stores value (≥ 0) for bytes[start, end) unless the key is present or the index is full. */
  set(bytes: Uint8Array, start: number, end: number, value: number): void {
    if (this.count >= this.limit || this.get(bytes, start, end) >= 0) return
    const length = end - start
    while (this.used + length > this.arena.length) this.arena = grownBytes(this.arena)
    this.arena.set(bytes.subarray(start, end), this.used)
    if (this.count === this.values.length) {
      this.offsets = grownInts(this.offsets)
      this.lengths = grownInts(this.lengths)
      this.hashes = grownInts(this.hashes)
      this.values = grownInts(this.values)
    }
    const e = this.count++
    this.offsets[e] = this.used
    this.lengths[e] = length
    this.hashes[e] = hashBytes(bytes, start, end)
    this.values[e] = value
    this.used += length
    if (2 * this.count > this.mask) this.grow()
    else this.place(e)
  }

  private equals(e: number, bytes: Uint8Array, start: number, end: number): boolean {
    if (this.lengths[e] !== end - start) return false
    const o = this.offsets[e] - start
    for (let i = start; i < end; i++) if (this.arena[o + i] !== bytes[i]) return false
    return true
  }

  private place(e: number): void {
    let s = this.hashes[e] & this.mask
    while (this.table[s] !== 0) s = (s + 1) & this.mask
    this.table[s] = e + 1
  }

  private grow(): void {
    this.table = new Int32Array(2 * (this.mask + 1))
    this.mask = this.table.length - 1
    for (let e = 0; e < this.count; e++) this.place(e)
  }
}

function grownInts(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(2 * a.length)
  b.set(a)
  return b
}

function grownBytes(a: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(2 * a.length)
  b.set(a)
  return b
}

/** FNV-1a over the bytes, as a signed 32-bit integer (a small integer for V8, never a boxed double). */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5 | 0
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193)
  return h
}
