/**
 * ONNX as a checkpoint format, recognised by content, not by extension: a
 * ModelProto written by any ONNX writer starts with field 1 (ir_version, a varint:
 * byte 0x08) followed by further ModelProto fields. `claims` walks the fields that
 * lie in the probe's first bytes and requires each to be a ModelProto field with its
 * proper wire type. A safetensors header length that happens to start with 0x08
 * fails at once (its next bytes are zeros, and field number 0 does not exist); the
 * graph field itself is checked when the model is opened.
 */
import type {CheckpointFormatReader} from '../checkpoint/open-checkpoint.js'
import type {CheckpointProbe} from '../checkpoint/checkpoint-probe.js'
import {
  bufferSource,
  type ByteSource,
  ProtobufError,
  readVarint,
  unsignedOf,
  type Varint,
  WIRE_LEN,
  WIRE_VARINT,
} from './protobuf-wire.js'
import {openOnnx} from './reader.js'

/** ModelProto fields (onnx.proto) and their wire types: 1,5 varint; the rest messages or strings. */
const MODEL_FIELDS: Readonly<Record<number, number>> = {
  1: WIRE_VARINT,
  2: WIRE_LEN,
  3: WIRE_LEN,
  4: WIRE_LEN,
  5: WIRE_VARINT,
  6: WIRE_LEN,
  7: WIRE_LEN,
  8: WIRE_LEN,
  14: WIRE_LEN,
  20: WIRE_LEN,
  25: WIRE_LEN,
  26: WIRE_LEN,
}

/** IR versions 1 (2017) to 11 (2024) exist; leave room for a few more. */
const MAX_IR_VERSION = 64

export const onnxFormat: CheckpointFormatReader = {
  format: 'onnx',
  expects: 'an .onnx model (ModelProto; external data next to it)',
  claims: (probe) => !probe.isDirectory && looksLikeModelProto(probe),
  open: (probe) => openOnnx(probe.path),
}

/** True when the probe's bytes parse as the start of a ModelProto beginning with ir_version. */
export function looksLikeModelProto(probe: Pick<CheckpointProbe, 'head'>): boolean {
  const {head} = probe
  if (head[0] !== 0x08) return false
  const source = bufferSource(head)
  let position = 0
  let fields = 0
  while (position < head.length) {
    const tag = varintInProbe(source, position)
    if (tag === 'cut') break
    if (!tag) return false
    const number = Math.floor(unsignedOf(tag) / 8)
    const wire = tag.lo & 7
    if (MODEL_FIELDS[number] !== wire) return false
    const value = varintInProbe(source, tag.next)
    if (value === 'cut') break
    if (!value) return false
    const v = unsignedOf(value)
    if (fields === 0 && (number !== 1 || !(v >= 1 && v <= MAX_IR_VERSION))) return false
    fields++
    // a LEN field may run past the end of a truncated file: opening it says so precisely
    position = wire === WIRE_LEN ? value.next + v : value.next
  }
  return fields >= 1
}

/** The varint at `position`, or 'cut' when the probe ends inside it; a malformed one is no ModelProto. */
function varintInProbe(source: ByteSource, position: number): Varint | 'cut' | undefined {
  try {
    return readVarint(source, position, source.size, 'model')
  } catch (error) {
    if (error instanceof ProtobufError && source.size - position < 10) return 'cut'
    return undefined
  }
}
