/**
 * The ggml tensor types a GGUF file can name, by their on-disk id: block size (elements
 * per block), type size (bytes per block) and whether infolens dequantizes them. The
 * sizes of the types it does not decode are still known, so a file holding IQ2_XS
 * tensors is listed, located and checked like any other; only reading those fails (or
 * is skipped). Ids and sizes: ggml.h `enum ggml_type` and gguf-py `GGML_QUANT_SIZES`
 * (ids 4, 5, 31–33 and 36–38 were removed from ggml and stay unused).
 */
export interface GgmlType {
  readonly id: number
  readonly name: string
  /** Elements per block (1 for plain element types). */
  readonly blockSize: number
  /** Bytes per block. */
  readonly typeSize: number
  /** infolens dequantizes it to float32. */
  readonly supported: boolean
}

const QK_K = 256

const TABLE: readonly (readonly [number, string, number, number, boolean])[] = [
  [0, 'F32', 1, 4, true],
  [1, 'F16', 1, 2, true],
  [2, 'Q4_0', 32, 18, true],
  [3, 'Q4_1', 32, 20, true],
  [6, 'Q5_0', 32, 22, true],
  [7, 'Q5_1', 32, 24, true],
  [8, 'Q8_0', 32, 34, true],
  [9, 'Q8_1', 32, 36, false],
  [10, 'Q2_K', QK_K, 84, true],
  [11, 'Q3_K', QK_K, 110, true],
  [12, 'Q4_K', QK_K, 144, true],
  [13, 'Q5_K', QK_K, 176, true],
  [14, 'Q6_K', QK_K, 210, true],
  [15, 'Q8_K', QK_K, 292, true],
  [16, 'IQ2_XXS', QK_K, 66, false],
  [17, 'IQ2_XS', QK_K, 74, false],
  [18, 'IQ3_XXS', QK_K, 98, false],
  [19, 'IQ1_S', QK_K, 50, false],
  [20, 'IQ4_NL', 32, 18, false],
  [21, 'IQ3_S', QK_K, 110, false],
  [22, 'IQ2_S', QK_K, 82, false],
  [23, 'IQ4_XS', QK_K, 136, false],
  [24, 'I8', 1, 1, false],
  [25, 'I16', 1, 2, false],
  [26, 'I32', 1, 4, false],
  [27, 'I64', 1, 8, false],
  [28, 'F64', 1, 8, false],
  [29, 'IQ1_M', QK_K, 56, false],
  [30, 'BF16', 1, 2, true],
  [34, 'TQ1_0', QK_K, 54, false],
  [35, 'TQ2_0', QK_K, 66, false],
  [39, 'MXFP4', 32, 17, false],
  [40, 'NVFP4', 64, 36, false],
  [41, 'Q1_0', 128, 18, false],
]

const BY_ID: ReadonlyMap<number, GgmlType> = new Map(
  TABLE.map(([id, name, blockSize, typeSize, supported]) => [id, {id, name, blockSize, typeSize, supported}]),
)

/** The type with this on-disk id, or undefined for an id ggml never assigned (or removed). */
export function ggmlTypeById(id: number): GgmlType | undefined {
  return BY_ID.get(id)
}

/** Names of the types infolens dequantizes, in id order (for messages and docs). */
export const SUPPORTED_GGML_TYPES: readonly string[] = TABLE.filter((t) => t[4]).map((t) => t[1])

/** Names of every known type, by name. */
export function ggmlTypeByName(name: string): GgmlType | undefined {
  for (const t of BY_ID.values()) if (t.name === name) return t
  return undefined
}
