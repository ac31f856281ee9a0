/**
 * The row permutation llama.cpp's HF→GGUF converter applies to the query and key projections of llama-arch
 * models (`LlamaModel.permute` in convert_hf_to_gguf.py): Hugging Face stores each head's rotary pairs as two
 * halves (rotate_half), ggml's rope wants them interleaved, so the converter reorders the rows of q_proj and
 * k_proj head by head: `W.reshape(heads, 2, d/2, cols).swapaxes(1, 2).reshape(W.shape)`, d = rows/heads.
 * Comparing a GGUF tensor element-wise with its safetensors original therefore needs the inverse first.
 * Head counts come from the GGUF metadata: q uses `llama.attention.head_count`, k uses `…head_count_kv`
 * (the converter permutes k with n_head_kv when it differs).
 */

/** Any row-major float array; the permutation moves whole rows and never changes a value. */
type Rows = Float32Array | Float64Array

function checkGeometry(length: number, rows: number, heads: number): number {
  if (!Number.isInteger(heads) || heads < 1 || rows % (2 * heads) !== 0)
    throw new RangeError(`rotary permutation: ${rows} rows cannot be split into ${heads} heads of even size`)
  if (length % rows !== 0) throw new RangeError(`rotary permutation: ${length} values are not ${rows} rows`)
  return length / rows
}

/**
 * Row `r` of the converted (GGUF) matrix is row `sourceRow(r)` of the Hugging Face one. Within a head of d
 * rows, GGUF row 2i + j (j = 0, 1) comes from Hugging Face row j·d/2 + i.
 */
function huggingFaceRowOf(ggufRow: number, headRows: number): number {
  const head = Math.floor(ggufRow / headRows)
  const within = ggufRow % headRows
  return head * headRows + (within % 2) * (headRows / 2) + Math.floor(within / 2)
}

function moveRows<T extends Rows>(w: T, rows: number, heads: number, toGguf: boolean): T {
  const cols = checkGeometry(w.length, rows, heads)
  const out = new (w.constructor as new (n: number) => T)(w.length)
  const headRows = rows / heads
  for (let r = 0; r < rows; r++) {
    const hf = huggingFaceRowOf(r, headRows)
    const [from, to] = toGguf ? [hf, r] : [r, hf]
    out.set(w.subarray(from * cols, (from + 1) * cols), to * cols)
  }
  return out
}

/** The converter's forward permutation (Hugging Face → GGUF layout). A 1-D bias is `rows` × 1. */
export function permuteRotaryRows<T extends Rows>(w: T, rows: number, heads: number): T {
  return moveRows(w, rows, heads, true)
}

/** The inverse (GGUF → Hugging Face layout): the W the model was trained with. */
export function unpermuteRotaryRows<T extends Rows>(w: T, rows: number, heads: number): T {
  return moveRows(w, rows, heads, false)
}

/**
 * How many heads the converter permuted this GGUF tensor with, or undefined when it did not permute it:
 * only the q/k projections (weight or bias) of `general.architecture = llama` are permuted.
 * Throws a RangeError naming the key when the metadata lacks a usable head count.
 */
export function rotaryHeads(ggufName: string, metadata: Readonly<Record<string, string>>): number | undefined {
  if (metadata['general.architecture'] !== 'llama') return undefined
  const m = /^blk\.\d+\.attn_(q|k)\.(weight|bias)$/.exec(ggufName)
  if (!m) return undefined
  const heads = headCount(metadata, 'llama.attention.head_count')
  if (m[1] === 'q') return heads
  const kv = metadata['llama.attention.head_count_kv']
  return kv === undefined ? heads : headCount(metadata, 'llama.attention.head_count_kv')
}

function headCount(metadata: Readonly<Record<string, string>>, key: string): number {
  const value = Number(metadata[key])
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`${key}: expected a positive integer head count, got ${JSON.stringify(metadata[key] ?? null)}`)
  return value
}
