/**
 * What `checkpoint convert` does with each tensor, decided from the headers before any value is read:
 * the output name (kept, or the Hugging Face name with --hf-names where the GGUF map has one), the output
 * dtype and why, and whether llama.cpp's q/k row permutation has to be undone. Float types safetensors can
 * hold without loss stay as they are (F64, F32, F16, BF16); F8 is widened to F32 (exact); quantized and
 * affine types are dequantized to F32; `--dtype` forces every float tensor to one type; integers are copied.
 */
import type {Checkpoint, TensorEntry} from '../checkpoint.js'
import {isFloatDtype, isQuantizedDtype} from '../float-dtypes.js'
import {huggingFaceName} from '../gguf-names.js'
import {rotaryHeads} from '../rotary-permutation.js'
import {InputError} from '../../errors.js'
import {type Dtype, isDtype} from '../../safetensors/dtypes.js'

export type ForcedDtype = 'f32' | 'f16' | 'bf16'

/** kept: same type; widened: exact conversion to a wider float; dequantized: codes × scales to F32; cast: --dtype. */
export type ConversionKind = 'kept' | 'widened' | 'dequantized' | 'cast' | 'integer'

export interface PlannedTensor {
  readonly entry: TensorEntry
  readonly name: string
  readonly dtype: Dtype
  readonly kind: ConversionKind
  /** Heads to undo the converter's rotary permutation with (GGUF llama q/k under --hf-names), else undefined. */
  readonly rotaryHeads?: number
}

export interface ConversionOptions {
  readonly hfNames: boolean
  readonly dtype?: ForcedDtype
}

const KEPT_FLOATS: readonly string[] = ['F64', 'F32', 'F16', 'BF16']
const FORCED: Record<ForcedDtype, Dtype> = {f32: 'F32', f16: 'F16', bf16: 'BF16'}

/** Output dtype and kind of one tensor. */
export function outputDtype(dtype: string, forced?: ForcedDtype): {dtype: Dtype; kind: ConversionKind} | undefined {
  if (!isFloatDtype(dtype)) return isDtype(dtype) ? {dtype, kind: 'integer'} : undefined
  if (forced) return {dtype: FORCED[forced], kind: FORCED[forced] === dtype ? 'kept' : 'cast'}
  if (KEPT_FLOATS.includes(dtype)) return {dtype: dtype as Dtype, kind: 'kept'}
  return {dtype: 'F32', kind: isQuantizedDtype(dtype) ? 'dequantized' : 'widened'}
}

/** The plan for every tensor of `checkpoint`; throws InputError for a type or name it cannot write. */
export function planConversion(checkpoint: Checkpoint, path: string, options: ConversionOptions): PlannedTensor[] {
  const seen = new Map<string, string>()
  return checkpoint.tensors.map((entry) => {
    const out = outputDtype(entry.dtype, options.dtype)
    if (!out)
      throw new InputError(`dtype ${entry.dtype} has no safetensors equivalent to convert to`, {
        file: path,
        field: `tensor ${entry.name}`,
      })
    const mapped = options.hfNames ? huggingFaceName(entry.name) : undefined
    const name = mapped ?? entry.name
    const earlier = seen.get(name)
    if (earlier !== undefined)
      throw new InputError(`tensors ${earlier} and ${entry.name} would both be written as ${name}`, {
        file: path,
        field: `tensor ${entry.name}`,
      })
    seen.set(name, entry.name)
    const heads = mapped ? headsOf(entry.name, checkpoint.metadata, path) : undefined
    return {entry, name, dtype: out.dtype, kind: out.kind, ...(heads === undefined ? {} : {rotaryHeads: heads})}
  })
}

function headsOf(name: string, metadata: Record<string, string>, path: string): number | undefined {
  try {
    return rotaryHeads(name, metadata)
  } catch (error) {
    throw new InputError(`cannot undo the rotary permutation of ${name}: ${(error as Error).message}`, {
      file: path,
      field: 'metadata',
    })
  }
}
