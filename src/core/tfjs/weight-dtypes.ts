/**
 * TF.js weight types in infolens' words. A manifest entry has a `dtype` (float32,
 * int32, bool, string, complex64) and, when quantized, `quantization.dtype`
 * (uint8, uint16 or float16; tfjs-core src/io/types.ts `WeightsManifestEntry`).
 * The stored type is what the bytes hold: float32 quantized to uint8 is `U8_AFFINE`
 * (value = q·scale + min), to float16 plain `F16`; an int32 quantized to uint8 is
 * `U8_AFFINE_I32` (rounded back to an integer, so not a weight).
 */

export type TfjsDtype = 'float32' | 'int32' | 'bool' | 'string' | 'complex64'
export type QuantizationDtype = 'uint8' | 'uint16' | 'float16'

export const TFJS_DTYPES: readonly TfjsDtype[] = ['float32', 'int32', 'bool', 'string', 'complex64']
export const QUANTIZATION_DTYPES: readonly QuantizationDtype[] = ['uint8', 'uint16', 'float16']

/** Bytes per stored element (tfjs-core `DTYPE_VALUE_SIZE_MAP`); strings have no fixed size. */
const VALUE_BYTES: Record<TfjsDtype | QuantizationDtype, number> = {
  float32: 4,
  int32: 4,
  bool: 1,
  complex64: 8,
  string: 0,
  uint8: 1,
  uint16: 2,
  float16: 2,
}

const PLAIN: Record<TfjsDtype, string> = {
  float32: 'F32',
  int32: 'I32',
  bool: 'BOOL',
  complex64: 'C64',
  string: 'STRING',
}

/** The stored dtype name, e.g. F32, U8_AFFINE, F16, U16_AFFINE_I32. */
export function storedDtype(dtype: TfjsDtype, quantization?: QuantizationDtype): string {
  if (!quantization) return PLAIN[dtype]
  if (quantization === 'float16') return 'F16'
  const affine = quantization === 'uint8' ? 'U8_AFFINE' : 'U16_AFFINE'
  return dtype === 'int32' ? `${affine}_I32` : affine
}

/** Bytes per stored element; 0 for strings (each is a u32 length and its bytes). */
export function storedElementBytes(dtype: TfjsDtype, quantization?: QuantizationDtype): number {
  return VALUE_BYTES[quantization ?? dtype]
}
