/**
 * `openCheckpoint`: one entry point for every checkpoint format. Each format has a
 * reader that claims a path from a cheap probe (magic bytes of a file, the names in
 * a directory); the first reader that claims it opens it. safetensors comes last and
 * also takes what nobody claimed, so a damaged or unknown file gets safetensors'
 * precise complaint ("header length … exceeds the file") rather than a vague one.
 * See docs/checkpoint.md for the formats and how each is detected.
 */
import type {Checkpoint, CheckpointFormat} from './checkpoint.js'
import {probeCheckpoint, type CheckpointProbe} from './checkpoint-probe.js'
import {safetensorsFormat} from '../safetensors/format.js'
import {ggufFormat} from '../gguf/format.js'
import {onnxFormat} from '../onnx/format.js'
import {tfjsFormat} from '../tfjs/format.js'
import {pytorchFormat} from '../pytorch/format.js'

export interface CheckpointFormatReader {
  readonly format: CheckpointFormat
  /** What this format's inputs look like, for error messages ("a .gguf file or a split set"). */
  readonly expects: string
  /** True when this reader recognises the probed path as its format. */
  claims(probe: CheckpointProbe): boolean
  open(probe: CheckpointProbe): Promise<Checkpoint>
}

/** Readers in the order they are asked; safetensors, the fallback, is last. */
const READERS: readonly CheckpointFormatReader[] = [
  ggufFormat,
  pytorchFormat,
  onnxFormat,
  tfjsFormat,
  safetensorsFormat,
]

const EXPECTED = `expected ${READERS.map((r) => r.expects).join('; or ')}`

export async function openCheckpoint(path: string): Promise<Checkpoint> {
  const probe = probeCheckpoint(path, EXPECTED)
  const reader = READERS.find((r) => r.claims(probe)) ?? safetensorsFormat
  return reader.open(probe)
}

/** The formats infolens reads, for help texts and `doctor`. */
export const CHECKPOINT_FORMATS: readonly CheckpointFormat[] = READERS.map((r) => r.format)
