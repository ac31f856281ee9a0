/**
 * ONNX external data: a tensor with data_location = EXTERNAL keeps its bytes in
 * another file, named by the external_data keys `location` (a path relative to the
 * model's directory), `offset` and `length` (decimal strings; offset defaults to 0,
 * length to the tensor's size). onnx/onnx.proto `TensorProto.external_data`;
 * onnx/external_data_helper.py writes them. The file must stay inside the model's
 * directory, exist, and hold the whole range.
 */
import {statSync} from 'node:fs'
import {dirname} from 'node:path'
import {InputError} from '../errors.js'
import {pathInside} from '../checkpoint/contained-path.js'

export interface ExternalRange {
  readonly file: string
  readonly offset: number
  readonly length: number
  /** The data file's size in bytes. */
  readonly fileBytes: number
}

/**
 * Where the tensor's bytes are. `expectedBytes` is the size its dtype and dims call
 * for; a `length` key that disagrees is refused.
 */
export function resolveExternalData(
  modelFile: string,
  tensor: string,
  keys: Readonly<Record<string, string>>,
  expectedBytes: number,
): ExternalRange {
  const fail = (key: string, message: string) =>
    new InputError(message, {file: modelFile, field: `tensor ${tensor}: external_data.${key}`})
  const location = keys.location
  if (location === undefined || location === '') throw fail('location', 'expected the name of the data file')
  const file = pathInside(dirname(modelFile), location)
  if (!file) {
    throw fail(
      'location',
      `${JSON.stringify(location)} is outside the model's directory (expected a file next to the model)`,
    )
  }
  const size = fileSize(file)
  if (size === undefined) throw fail('location', `data file ${JSON.stringify(location)} does not exist`)
  const offset = decimal(keys.offset ?? '0', () => fail('offset', `expected a byte offset, got ${keys.offset}`))
  const length = decimal(keys.length ?? String(expectedBytes), () =>
    fail('length', `expected a byte count, got ${keys.length}`),
  )
  if (length !== expectedBytes)
    throw fail('length', `${length} bytes, but dtype and dims call for ${expectedBytes} bytes`)
  if (offset + length > size) {
    throw fail(
      'offset',
      `bytes ${offset}..${offset + length} lie past the end of ${JSON.stringify(location)} (${size} bytes; truncated?)`,
    )
  }
  return {file, offset, length, fileBytes: size}
}

function decimal(text: string, fail: () => InputError): number {
  if (!/^\d+$/.test(text)) throw fail()
  const n = Number(text)
  if (!Number.isSafeInteger(n)) throw fail()
  return n
}

function fileSize(file: string): number | undefined {
  try {
    const stats = statSync(file)
    return stats.isFile() ? stats.size : undefined
  } catch {
    return undefined
  }
}
