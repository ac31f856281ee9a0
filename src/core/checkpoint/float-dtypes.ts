/**
 * Which stored element types decode to real-valued weights, across every format:
 * the safetensors float names (which the PyTorch, ONNX and TF.js readers map their
 * own float types to), GGUF's block-quantized types (`Q4_K`, `IQ2_XS`, …, decoded
 * to float32 by dequantization) and the affine-quantized integers of TF.js
 * (`U8_AFFINE`: value = scale·q + min). Integers, booleans and index tensors are not
 * weights and are skipped by the analyses.
 */
const SAFETENSORS_FLOATS = new Set(['F64', 'F32', 'F16', 'BF16', 'F8_E4M3', 'F8_E5M2'])

/** GGUF/ggml quantized block types (`Q8_0`, `Q4_K`, `IQ3_S`, `TQ1_0`, `MXFP4`). */
const QUANTIZED = /^(Q\d+_(\d|K)|IQ\d+_\w+|TQ\d+_\d|MXFP4)$/

/** TF.js/ONNX integers stored with a scale (and offset) that make them real values. */
const AFFINE = /^(U8|U16|I8|F16)_AFFINE$/

export function isFloatDtype(dtype: string): boolean {
  return SAFETENSORS_FLOATS.has(dtype) || isQuantizedDtype(dtype)
}

/**
 * True for the stored types whose values are codes plus scales (block-quantized GGUF, affine TF.js/ONNX):
 * decoding them is a dequantization, so a conversion writes them as float and never calls it lossless.
 */
export function isQuantizedDtype(dtype: string): boolean {
  return QUANTIZED.test(dtype) || AFFINE.test(dtype)
}

/**
 * True for GGUF's block-quantized types: they dequantize to float32 values (ggml's arithmetic), so reading
 * them as float32 loses nothing and float64 is only those values widened.
 */
export function isBlockQuantizedDtype(dtype: string): boolean {
  return QUANTIZED.test(dtype)
}
