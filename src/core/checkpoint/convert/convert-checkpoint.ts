/**
 * `checkpoint convert IN OUT.safetensors`: any readable checkpoint streamed into safetensors, one tensor in
 * memory at a time (conversion-plan.ts decides names and types; safetensors/streaming-writer.ts lays out the
 * header first and renames every file only at the end). For each narrowing cast the number of values that
 * changed is counted, by decoding the written bytes back and comparing with the source values.
 */
import {basename} from 'node:path'
import type {Checkpoint} from '../checkpoint.js'
import {unpermuteRotaryRows} from '../rotary-permutation.js'
import {decodeInto, type Dtype} from '../../safetensors/dtypes.js'
import {encodeElements} from '../../safetensors/encode.js'
import {writeSafetensorsStreaming} from '../../safetensors/streaming-writer.js'
import {planConversion, type ConversionOptions, type PlannedTensor} from './conversion-plan.js'
import type {CheckpointConvertResult, ConvertedTensor} from './convert-schema.js'

export interface ConvertOptions extends ConversionOptions {
  readonly maxShardBytes?: number
  /** Called after each tensor was written (progress). */
  readonly onTensor?: () => void
}

/** Converts `checkpoint` (opened from `inputPath`) into `target`; returns the report's result. */
export async function convertCheckpoint(
  checkpoint: Checkpoint,
  inputPath: string,
  target: string,
  options: ConvertOptions,
): Promise<CheckpointConvertResult> {
  const plan = planConversion(checkpoint, inputPath, options)
  const rows: ConvertedTensor[] = []
  const written = await writeSafetensorsStreaming(
    target,
    plan.map((p) => ({name: p.name, dtype: p.dtype, shape: p.entry.shape})),
    async (i) => {
      const {bytes, rounded} = await convertTensor(checkpoint, plan[i])
      rows.push(describe(plan[i], rounded))
      options.onTensor?.()
      return bytes
    },
    {metadata: outputMetadata(checkpoint, inputPath), maxShardBytes: options.maxShardBytes},
  )
  return {
    source: {path: inputPath, format: checkpoint.format},
    output: {files: [...written.files], index: written.indexFile},
    options: {hfNames: options.hfNames, dtype: options.dtype ?? null, maxShardBytes: options.maxShardBytes ?? null},
    tensors: rows,
    totals: {
      tensors: rows.length,
      bytes: written.tensorBytes,
      renamed: rows.filter((r) => r.name !== r.source).length,
      dequantized: rows.filter((r) => r.kind === 'dequantized').length,
      unpermuted: rows.filter((r) => r.unpermutedHeads !== null).length,
      castsThatRounded: rows.filter((r) => r.roundedValues > 0).length,
    },
  }
}

function describe(p: PlannedTensor, rounded: number): ConvertedTensor {
  return {
    name: p.name,
    source: p.entry.name,
    dtypeIn: p.entry.dtype,
    dtypeOut: p.dtype,
    kind: p.kind,
    shape: [...p.entry.shape],
    roundedValues: rounded,
    unpermutedHeads: p.rotaryHeads ?? null,
  }
}

/** The tensor's output bytes and how many of its values the output type could not hold exactly. */
async function convertTensor(checkpoint: Checkpoint, p: PlannedTensor): Promise<{bytes: Uint8Array; rounded: number}> {
  const wide = p.entry.dtype === 'F64' || p.kind === 'integer'
  let values: Float32Array | Float64Array = wide
    ? await checkpoint.readFloat64(p.entry)
    : await checkpoint.readFloat32(p.entry)
  if (p.rotaryHeads !== undefined) values = unpermuteRotaryRows(values, p.entry.shape[0], p.rotaryHeads)
  const bytes = encodeElements(p.dtype, values)
  return {bytes, rounded: p.kind === 'cast' ? countChanged(values, bytes, p.dtype) : 0}
}

/** Values whose written form decodes to something else (rounded, or overflowed to ±inf). NaN stays NaN. */
function countChanged(values: Float32Array | Float64Array, bytes: Uint8Array, dtype: Dtype): number {
  const aligned = new Uint8Array(bytes) // decodeInto needs an aligned buffer of its own
  const back = new Float64Array(values.length)
  decodeInto(dtype, aligned, back)
  let changed = 0
  for (let i = 0; i < values.length; i++)
    if (back[i] !== values[i] && !(back[i] !== back[i] && values[i] !== values[i])) changed++
  return changed
}

/** Source safetensors metadata is kept; every output says where it came from. */
function outputMetadata(checkpoint: Checkpoint, inputPath: string): Record<string, string> {
  const kept = checkpoint.format === 'safetensors' ? checkpoint.metadata : {format: 'pt'}
  return {
    ...kept,
    converted_from: `${checkpoint.format}:${basename(inputPath)}`,
    converter: 'infolens checkpoint convert',
  }
}
