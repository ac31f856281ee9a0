/**
 * The fast read of an `inv-entropy/v1` line: core/io's extractNumberArrays lifts every number
 * array out of the text into a Float64Array and leaves the placeholder `[k]`; once the small
 * skeleton has been parsed and validated, this puts the arrays back at the places the schema
 * gives numbers (input and response embeddings, similarity matrix rows). Kept apart from the
 * reader so the reader reads as "parse, validate, check" whichever way the numbers came in.
 */
import type {UqItem} from './items-jsonl.js'

/** A placeholder left where an array was lifted out, or undefined when `value` is not one. */
function lifted(value: unknown, arrays: readonly Float64Array[]): Float64Array | undefined {
  if (!Array.isArray(value) || value.length !== 1) return undefined
  const k = value[0]
  return Number.isInteger(k) && k >= 0 && k < arrays.length ? arrays[k] : undefined
}

/**
 * Replaces the placeholders of a validated skeleton by their arrays, in place. Returns false when
 * a numeric position holds no placeholder (the caller then reads the line the plain way).
 */
export function restoreLiftedArrays(item: UqItem, arrays: readonly Float64Array[]): boolean {
  const slot = (holder: {embedding?: ArrayLike<number>}): boolean => {
    if (!Array.isArray(holder.embedding)) return true // absent, or a .npy row (./embedding-sidecar.ts)
    const a = lifted(holder.embedding, arrays)
    if (a === undefined) return false
    holder.embedding = a
    return true
  }
  const rows = (matrix: ArrayLike<number>[] | undefined): boolean => {
    if (matrix === undefined) return true
    for (let i = 0; i < matrix.length; i++) {
      const a = lifted(matrix[i], arrays)
      if (a === undefined) return false
      matrix[i] = a
    }
    return true
  }
  for (const run of item.runs) {
    if (!rows(run.inputSimilarity) || !rows(run.responseSimilarity)) return false
    for (const input of run.inputs) {
      if (!slot(input)) return false
      for (const response of input.responses) if (!slot(response)) return false
    }
  }
  return true
}
