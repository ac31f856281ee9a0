/**
 * From scanned tensor headers to checkpoint entries: each tensor gets a unique
 * name, an infolens dtype, and a checked place for its bytes (raw_data, an external
 * data range, or its typed fields). A subgraph may reuse a name the main graph
 * already uses; the later one is then listed as `name@<node>/<attribute>`.
 */
import {InputError} from '../errors.js'
import {elementCount, type TensorEntry} from '../checkpoint/checkpoint.js'
import type {Dtype} from '../safetensors/dtypes.js'
import {decodableDtype, onnxType, rawByteLength, TYPED_FIELDS, type TypedFieldNumber} from './onnx-dtypes.js'
import {resolveExternalData} from './external-data.js'
import type {ScannedTensor} from './model-scan.js'

interface PlacementBase {
  readonly entry: TensorEntry
  /** The dtype the values decode as, or undefined when infolens lists but cannot decode it. */
  readonly decodable?: Dtype
  /** Size of `entry.file` in bytes. */
  readonly fileBytes: number
}

export type Placement = PlacementBase &
  (
    | {readonly kind: 'raw' | 'external'}
    | {readonly kind: 'typed'; readonly field: TypedFieldNumber; readonly messageBytes: number}
  )

export function placeTensors(modelFile: string, modelBytes: number, scanned: readonly ScannedTensor[]): Placement[] {
  const taken = new Set<string>()
  return scanned.map((t) => {
    const name = uniqueName(t, taken)
    return placeTensor(modelFile, modelBytes, name, t)
  })
}

function uniqueName(t: ScannedTensor, taken: Set<string>): string {
  const base = t.name || `${t.origin}@${t.graph || 'graph'}`
  let name = taken.has(base) && t.graph ? `${base}@${t.graph}` : base
  for (let k = 2; taken.has(name); k++) name = `${base}#${k}`
  taken.add(name)
  return name
}

function placeTensor(modelFile: string, modelBytes: number, name: string, t: ScannedTensor): Placement {
  const {header} = t
  const fail = (field: string, message: string) =>
    new InputError(message, {file: modelFile, field: `tensor ${name}: ${field}`})
  const type = onnxType(header.dataType)
  if (!type) throw fail('data_type', `${header.dataType} is not an ONNX element type (expected 1..26)`)
  const shape = [...header.dims]
  const count = elementCount({shape})
  if (!Number.isSafeInteger(count)) throw fail('dims', `${shape.join('×')} elements is too many`)
  const base = {decodable: decodableDtype(type), fileBytes: modelBytes}
  const entry = (file: string, offset: number, byteLength: number): TensorEntry => ({
    name,
    dtype: type.dtype,
    shape,
    byteLength,
    file,
    offset,
  })
  const expected = rawByteLength(type, count)
  if (header.external) {
    if (type.bits === 0) throw fail('data_location', 'STRING tensors in external data are not supported')
    const range = resolveExternalData(modelFile, name, header.external, expected)
    return {...base, kind: 'external', fileBytes: range.fileBytes, entry: entry(range.file, range.offset, range.length)}
  }
  if (header.raw) {
    if (type.bits === 0) throw fail('raw_data', 'STRING tensors keep their values in string_data, not raw_data')
    if (header.raw.length !== expected)
      throw fail('raw_data', `${header.raw.length} bytes, but ${type.onnx} ${JSON.stringify(shape)} needs ${expected}`)
    return {...base, kind: 'raw', entry: entry(modelFile, header.raw.start, header.raw.length)}
  }
  const typed = header.typed.filter((f) => f.number === type.field)
  const other = header.typed.find((f) => f.number !== type.field)
  if (other)
    throw fail(TYPED_FIELDS[other.number], `${type.onnx} keeps its values in ${TYPED_FIELDS[type.field]}, not here`)
  if (typed.length === 0 && count > 0)
    throw fail('raw_data', `no data (expected raw_data, external data or ${TYPED_FIELDS[type.field]})`)
  const stored = typed.reduce((s, f) => s + f.bytes, 0)
  return {
    ...base,
    kind: 'typed',
    field: type.field,
    messageBytes: header.message.end - header.message.start,
    entry: entry(modelFile, header.message.start, stored),
  }
}
