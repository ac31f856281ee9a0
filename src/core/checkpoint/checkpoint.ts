/**
 * The one view of a checkpoint that every command reads, whatever format it came in
 * (safetensors, GGUF, PyTorch zip, ONNX, TF.js). A reader lists the tensors from the
 * headers alone, then decodes one tensor at a time on demand, so a checkpoint never
 * sits in memory whole. Every tensor is handed over in its original shape and
 * row-major order: the W the model was trained with, never a silent transpose of how
 * a format happens to store it (ggml, for one, lists dimensions fastest-first).
 */
export type CheckpointFormat = 'safetensors' | 'gguf' | 'pytorch' | 'onnx' | 'tfjs'

export interface CheckpointLayout {
  /** How the user named the checkpoint. */
  readonly kind: 'file' | 'directory' | 'index'
  /** The directory shard names are reported relative to. */
  readonly root: string
  /** Shard files, in natural name order. */
  readonly files: readonly string[]
  /** From an index: tensor name → shard file (a path in `files`). */
  readonly weightMap?: ReadonlyMap<string, string>
  /** The index file (or manifest), when one was used. */
  readonly indexFile?: string
}

export interface TensorEntry {
  readonly name: string
  /**
   * The stored element type in the format's own words where it has no safetensors
   * equivalent (`Q4_K`, `U8_AFFINE`), else the safetensors name (`F32`, `BF16`, `I64`).
   * `isFloatDtype` says whether it decodes to real-valued weights.
   */
  readonly dtype: string
  /** Row-major shape, slowest dimension first (PyTorch/NumPy order). */
  readonly shape: number[]
  /** Bytes as stored (quantized blocks included). */
  readonly byteLength: number
  /** The file holding the tensor's data. */
  readonly file: string
  /** Absolute byte position of the tensor's data in `file`. */
  readonly offset: number
  /**
   * Why the reader cannot decode this tensor (a stored type it lists and locates but has
   * no decoder for, such as GGUF's IQ2_XS); `readFloat32`/`readFloat64` then throw.
   * Absent for every readable tensor. See `checkDecodable`.
   */
  readonly unsupported?: string
}

export interface ShardInfo {
  readonly path: string
  readonly bytes: number
  /** Bytes of header/metadata before (or around) the tensor data. */
  readonly headerBytes: number
  readonly tensorCount: number
}

export interface Checkpoint {
  readonly format: CheckpointFormat
  readonly layout: CheckpointLayout
  readonly files: string[]
  readonly shards: readonly ShardInfo[]
  /** String metadata of the file(s), merged (the first shard wins on conflicts). */
  readonly metadata: Record<string, string>
  /** Every tensor, in natural name order (layer 2 before layer 10). */
  readonly tensors: TensorEntry[]
  /** The tensor's values as float32 (dequantized where stored quantized). */
  readFloat32(entry: TensorEntry): Promise<Float32Array>
  /** The tensor's values as float64 (exact for every stored type that fits). */
  readFloat64(entry: TensorEntry): Promise<Float64Array>
  close(): Promise<void>
}

export function elementCount(entry: Pick<TensorEntry, 'shape'>): number {
  return entry.shape.reduce((p, d) => p * d, 1)
}
