/**
 * Writes a safetensors file the way the reference writer does: `u64 N` LE, the JSON
 * header padded with spaces (0x20) to a multiple of 8 so the data is 8-aligned, then
 * the tensors back to back in the order given. The file is written to a temporary
 * path next to the target, fsync'ed and renamed (src/core/io/atomic-write.ts), one
 * tensor at a time, so a failed or interrupted run leaves nothing behind.
 */
import {writeAtomicSync, writeFully} from '../io/atomic-write.js'
import {type Dtype, dtypeSize, isDtype} from './dtypes.js'
import {encodeElements, type NumericArray} from './encode.js'

export interface TensorToWrite {
  readonly name: string
  readonly dtype: Dtype
  readonly shape: readonly number[]
  /** Values, converted to `dtype` (F16/BF16 rounded to nearest even). */
  readonly data?: NumericArray
  /** Or the raw little-endian element bytes (needed for F8 formats). */
  readonly bytes?: Uint8Array
}

/** What the header says of a tensor: everything but its values. */
export interface TensorHeaderEntry {
  readonly name: string
  readonly dtype: Dtype
  readonly shape: readonly number[]
}

/**
 * The `u64 N` + padded JSON header for tensors stored back to back in the order given, from dtypes and
 * shapes alone (a streaming writer knows them before it has any values). Validates names, dtypes, shapes.
 */
export function safetensorsHeader(
  tensors: readonly TensorHeaderEntry[],
  metadata?: Record<string, string>,
): Uint8Array {
  const seen = new Set<string>()
  const entries: string[] = []
  if (metadata) entries.push(`"__metadata__":${JSON.stringify(metadata)}`)
  let offset = 0
  for (const t of tensors) {
    const byteLength = checkTensor(t, seen)
    entries.push(
      `${JSON.stringify(t.name)}:${JSON.stringify({dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + byteLength]})}`,
    )
    offset += byteLength
  }
  let json = `{${entries.join(',')}}`
  json += ' '.repeat((8 - (Buffer.byteLength(json) % 8)) % 8)
  const body = Buffer.from(json, 'utf8')
  const header = new Uint8Array(8 + body.length)
  new DataView(header.buffer).setBigUint64(0, BigInt(body.length), true)
  header.set(body, 8)
  return header
}

/** The header JSON (padded) and the encoded tensors, validated. */
export function layoutSafetensors(
  tensors: readonly TensorToWrite[],
  metadata?: Record<string, string>,
): {header: Uint8Array; blobs: () => Generator<Uint8Array>} {
  for (const t of tensors) checkValues(t)
  const header = safetensorsHeader(tensors, metadata)
  function* blobs(): Generator<Uint8Array> {
    for (const t of tensors) yield t.bytes ?? encodeElements(t.dtype, t.data!)
  }
  return {header, blobs}
}

const fault = (t: TensorHeaderEntry, what: string) =>
  new Error(`writeSafetensors: tensor ${JSON.stringify(t.name)}: ${what}`)

function checkTensor(t: TensorHeaderEntry, seen: Set<string>): number {
  if (t.name === '' || t.name === '__metadata__' || seen.has(t.name))
    throw fault(t, 'empty, reserved or duplicate name')
  seen.add(t.name)
  if (!isDtype(t.dtype)) throw fault(t, `unknown dtype ${t.dtype}`)
  if (!t.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) throw fault(t, `bad shape ${JSON.stringify(t.shape)}`)
  return t.shape.reduce((p, d) => p * d, 1) * dtypeSize(t.dtype)
}

function checkValues(t: TensorToWrite): void {
  if (!isDtype(t.dtype) || !t.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) return // checkTensor says why
  const count = t.shape.reduce((p, d) => p * d, 1)
  const byteLength = count * dtypeSize(t.dtype)
  if (t.bytes ? t.bytes.length !== byteLength : t.data?.length !== count) {
    throw fault(t, `shape ${JSON.stringify(t.shape)} needs ${count} elements (${byteLength} bytes)`)
  }
}

/** Writes `tensors` to `path` atomically. */
export function writeSafetensors(
  path: string,
  tensors: readonly TensorToWrite[],
  metadata?: Record<string, string>,
): void {
  const {header, blobs} = layoutSafetensors(tensors, metadata)
  writeAtomicSync(path, (fd) => {
    writeFully(fd, header)
    for (const blob of blobs()) writeFully(fd, blob)
  })
}
