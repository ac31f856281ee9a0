/**
 * The safetensors header: `u64 N` (little-endian), N bytes of UTF-8 JSON, then the
 * byte buffer. Validation follows the Rust reference reader
 * (huggingface/safetensors `safetensors/src/tensor.rs`): header ≤ 100 MB, JSON object,
 * known dtype, `end − begin = prod(shape) · size(dtype)`, offsets contiguous from 0
 * with no gap or overlap, and the last `end` equal to the buffer length. Every
 * failure is an InputError naming the file, the tensor or field, and what was expected.
 */
import {InputError} from '../errors.js'
import {dtypeSize, DTYPE_SIZES, type Dtype, isDtype, UNSUPPORTED_DTYPES} from './dtypes.js'

/** The Rust reader's MAX_HEADER_SIZE. */
export const MAX_HEADER_BYTES = 100_000_000

export interface HeaderTensor {
  readonly name: string
  readonly dtype: Dtype
  readonly shape: readonly number[]
  /** Byte range relative to the start of the data buffer; `end` exclusive. */
  readonly begin: number
  readonly end: number
}

export interface ParsedHeader {
  /** N, the JSON header's length in bytes. */
  readonly headerLength: number
  /** File position of the data buffer: 8 + N. */
  readonly dataStart: number
  readonly metadata: Record<string, string>
  /** Tensors in data-offset order. */
  readonly tensors: readonly HeaderTensor[]
}

/** Reads and checks the 8-byte little-endian header length against the file size. */
export function headerLengthOf(file: string, first8: Uint8Array, fileSize: number): number {
  if (fileSize < 8 || first8.length < 8) {
    throw new InputError(`file too short (${fileSize} bytes): expected an 8-byte header length then a JSON header`, {
      file,
      field: 'header',
    })
  }
  const n = new DataView(first8.buffer, first8.byteOffset, 8).getBigUint64(0, true)
  if (n > BigInt(MAX_HEADER_BYTES)) {
    throw new InputError(`header length ${n} exceeds the 100 MB limit (not a safetensors file?)`, {
      file,
      field: 'header',
    })
  }
  if (n < 2n) throw new InputError(`header length ${n} is too small for a JSON object`, {file, field: 'header'})
  if (8n + n > BigInt(fileSize)) {
    throw new InputError(
      `header length ${n} runs past the end of the file (${fileSize} bytes): truncated or not safetensors`,
      {file, field: 'header'},
    )
  }
  return Number(n)
}

/** Parses and validates the JSON header; `fileSize` bounds the data buffer. */
export function parseHeader(file: string, headerBytes: Uint8Array, fileSize: number): ParsedHeader {
  const headerLength = headerBytes.length
  const json = decodeJson(file, headerBytes)
  let metadata: Record<string, string> = {}
  const tensors: HeaderTensor[] = []
  for (const [name, value] of Object.entries(json)) {
    if (name === '__metadata__') metadata = parseMetadata(file, value)
    else tensors.push(parseTensor(file, name, value))
  }
  const dataStart = 8 + headerLength
  checkLayout(file, tensors, fileSize - dataStart)
  return {headerLength, dataStart, metadata, tensors}
}

function decodeJson(file: string, bytes: Uint8Array): Record<string, unknown> {
  let text: string
  try {
    text = new TextDecoder('utf-8', {fatal: true}).decode(bytes)
  } catch {
    throw new InputError('header is not valid UTF-8', {file, field: 'header'})
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new InputError(`header is not valid JSON (${(error as Error).message})`, {file, field: 'header'})
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new InputError('header must be a JSON object of tensors', {file, field: 'header'})
  }
  return json as Record<string, unknown>
}

function parseMetadata(file: string, value: unknown): Record<string, string> {
  const field = '__metadata__'
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError('expected an object of string values', {file, field})
  }
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string')
      throw new InputError(`key "${k}": expected a string value, got ${JSON.stringify(v)}`, {file, field})
  }
  return {...(value as Record<string, string>)}
}

function parseTensor(file: string, name: string, value: unknown): HeaderTensor {
  const field = `tensor ${name}`
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError('expected an object with dtype, shape and data_offsets', {file, field})
  }
  const {dtype, shape, data_offsets: offsets} = value as Record<string, unknown>
  if (typeof dtype !== 'string') throw new InputError('dtype: expected a string', {file, field})
  if (UNSUPPORTED_DTYPES.includes(dtype)) throw new InputError(`dtype ${dtype} is not supported yet`, {file, field})
  if (!isDtype(dtype)) {
    throw new InputError(
      `unknown dtype ${JSON.stringify(dtype)} (expected one of ${Object.keys(DTYPE_SIZES).join(', ')})`,
      {file, field},
    )
  }
  if (!Array.isArray(shape) || !shape.every(isCount)) {
    throw new InputError(`shape: expected an array of non-negative integers, got ${JSON.stringify(shape)}`, {
      file,
      field,
    })
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount) || offsets[0] > offsets[1]) {
    throw new InputError(`data_offsets: expected [begin, end] with 0 <= begin <= end, got ${JSON.stringify(offsets)}`, {
      file,
      field,
    })
  }
  const [begin, end] = offsets as number[]
  const expected = BigInt(dtypeSize(dtype)) * (shape as number[]).reduce((p, d) => p * BigInt(d), 1n)
  if (BigInt(end - begin) !== expected) {
    throw new InputError(
      `shape ${JSON.stringify(shape)} x ${dtype} (${dtypeSize(dtype)} bytes) needs ${expected} bytes, but data_offsets [${begin}, ${end}] span ${end - begin}`,
      {file, field},
    )
  }
  return {name, dtype, shape: shape as number[], begin, end}
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0
}

/** Offsets must tile the data buffer exactly: from 0, no gap, no overlap, ending at its length. */
function checkLayout(file: string, tensors: HeaderTensor[], bufferLength: number): void {
  tensors.sort((a, b) => a.begin - b.begin || a.end - b.end)
  let previous: HeaderTensor | undefined
  for (const t of tensors) {
    const field = `tensor ${t.name}`
    if (t.end > bufferLength) {
      throw new InputError(
        `data_offsets [${t.begin}, ${t.end}] run past the end of the data buffer (${bufferLength} bytes): file truncated or offsets out of range`,
        {file, field},
      )
    }
    const cursor = previous?.end ?? 0
    if (t.begin < cursor) {
      throw new InputError(
        `data_offsets [${t.begin}, ${t.end}] overlap tensor ${previous!.name} [${previous!.begin}, ${previous!.end}]`,
        {file, field},
      )
    }
    if (t.begin > cursor) {
      throw new InputError(
        `data_offsets start at ${t.begin}: expected ${cursor} (offsets must be contiguous, no gaps)`,
        {file, field},
      )
    }
    previous = t
  }
  const last = previous?.end ?? 0
  if (last !== bufferLength) {
    throw new InputError(
      `data buffer is ${bufferLength} bytes but the tensors cover ${last}: expected them to end exactly at the end of the file`,
      {
        file,
        field: 'data_offsets',
      },
    )
  }
}
