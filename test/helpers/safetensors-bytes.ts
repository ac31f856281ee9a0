/** Hand-built safetensors bytes for tests of bad inputs (the writer refuses to make them). */
import {writeFileSync} from 'node:fs'

/** `u64 N` LE + header (object → JSON, or raw text) padded to 8 + `data` (bytes or a zero-filled length). */
export function rawSafetensors(header: object | string, data: Uint8Array | number = 0, pad = true): Buffer {
  let text = typeof header === 'string' ? header : JSON.stringify(header)
  if (pad) text += ' '.repeat((8 - (Buffer.byteLength(text) % 8)) % 8)
  const body = Buffer.from(text, 'utf8')
  const prefix = Buffer.alloc(8)
  prefix.writeBigUInt64LE(BigInt(body.length))
  const bytes = typeof data === 'number' ? Buffer.alloc(data) : Buffer.from(data)
  return Buffer.concat([prefix, body, bytes])
}

export function writeRawSafetensors(path: string, header: object | string, data: Uint8Array | number = 0): string {
  writeFileSync(path, rawSafetensors(header, data))
  return path
}
