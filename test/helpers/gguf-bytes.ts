/**
 * Hand-assembled GGUF headers for the bad-input and streaming tests: every field is given
 * explicitly (counts, n_dims, ne, type ids, offsets), so a test can write exactly the
 * defect it names. The well-formed fixtures come from test/fixtures/gguf/make-gguf.py.
 */
export interface RawTensorInfo {
  name: string
  /** ggml order: fastest dimension first. */
  ne: number[]
  typeId: number
  offset: number
  /** Written as n_dims instead of ne.length (to lie about it). */
  nDims?: number
}

export interface RawGguf {
  magic?: string
  version?: number
  /** Written instead of the real counts (to lie about them). */
  tensorCount?: number
  kvCount?: number
  kvs?: {key: string; u32?: number; u16?: number; str?: string}[]
  tensors: RawTensorInfo[]
  alignment?: number
}

class ByteWriter {
  private chunks: Uint8Array[] = []
  length = 0
  bytes(b: Uint8Array): void {
    this.chunks.push(b)
    this.length += b.length
  }
  u32(n: number): void {
    const b = new Uint8Array(4)
    new DataView(b.buffer).setUint32(0, n, true)
    this.bytes(b)
  }
  u16(n: number): void {
    this.bytes(new Uint8Array([n & 0xff, n >> 8]))
  }
  u64(n: number): void {
    const b = new Uint8Array(8)
    new DataView(b.buffer).setBigUint64(0, BigInt(n), true)
    this.bytes(b)
  }
  string(s: string): void {
    const b = new TextEncoder().encode(s)
    this.u64(b.length)
    this.bytes(b)
  }
  concat(): Uint8Array {
    const out = new Uint8Array(this.length)
    let at = 0
    for (const c of this.chunks) {
      out.set(c, at)
      at += c.length
    }
    return out
  }
}

/** The header, padded to the alignment: the tensor data section starts right after it. */
export function ggufHeader(g: RawGguf): Uint8Array {
  const w = new ByteWriter()
  w.bytes(new TextEncoder().encode(g.magic ?? 'GGUF'))
  w.u32(g.version ?? 3)
  const kvs = g.kvs ?? []
  w.u64(g.tensorCount ?? g.tensors.length)
  w.u64(g.kvCount ?? kvs.length)
  for (const kv of kvs) {
    w.string(kv.key)
    if (kv.str !== undefined) {
      w.u32(8)
      w.string(kv.str)
    } else if (kv.u16 !== undefined) {
      w.u32(2)
      w.u16(kv.u16)
    } else {
      w.u32(4)
      w.u32(kv.u32 ?? 0)
    }
  }
  for (const t of g.tensors) {
    w.string(t.name)
    w.u32(t.nDims ?? t.ne.length)
    for (const d of t.ne) w.u64(d)
    w.u32(t.typeId)
    w.u64(t.offset)
  }
  const alignment = g.alignment ?? 32
  w.bytes(new Uint8Array((alignment - (w.length % alignment)) % alignment))
  return w.concat()
}

/** A whole small file: the header, then `dataBytes` bytes of tensor data (a ramp, so nothing is all zero). */
export function ggufFile(g: RawGguf, dataBytes: number): Uint8Array {
  const header = ggufHeader(g)
  const out = new Uint8Array(header.length + dataBytes)
  out.set(header)
  for (let i = 0; i < dataBytes; i++) out[header.length + i] = (i * 37) & 0xff
  return out
}

export const GGML = {F32: 0, F16: 1, Q4_0: 2, Q8_0: 8, Q4_K: 12, IQ2_XS: 17} as const
