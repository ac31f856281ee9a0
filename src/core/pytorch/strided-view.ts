/**
 * A torch tensor is a strided view of a storage: element (i₀, …, iₙ₋₁) sits at
 * storage index offset + Σ iₖ·strideₖ. This file holds the pure arithmetic of that
 * view: which storage elements it spans (so only those bytes are read), whether it is
 * row-major contiguous (then the bytes are the tensor as they are), and the gather
 * of a non-contiguous view (a transposed weight saved as-is) into row-major order.
 * All index arithmetic is checked to stay below 2⁵³, where JavaScript numbers are exact.
 */

export interface StorageSpan {
  /** First storage element the view touches. */
  readonly first: number
  /** One past the last storage element it touches. */
  readonly end: number
}

/** Product of the shape; undefined when it exceeds 2⁵³. */
export function checkedElementCount(shape: readonly number[]): number | undefined {
  let n = 1
  for (const d of shape) {
    n *= d
    if (!Number.isSafeInteger(n)) return undefined
  }
  return n
}

/** The storage elements the view reads; undefined when the index arithmetic overflows 2⁵³. Empty views span nothing. */
export function storageSpan(
  shape: readonly number[],
  stride: readonly number[],
  offset: number,
): StorageSpan | undefined {
  if (shape.some((d) => d === 0)) return {first: offset, end: offset}
  let last = offset
  for (let k = 0; k < shape.length; k++) {
    last += (shape[k] - 1) * stride[k]
    if (!Number.isSafeInteger(last)) return undefined
  }
  return {first: offset, end: last + 1}
}

/** True when the strides are those of a row-major array of this shape (size-1 dimensions may have any stride). */
export function isRowMajor(shape: readonly number[], stride: readonly number[]): boolean {
  let expected = 1
  for (let k = shape.length - 1; k >= 0; k--) {
    if (shape[k] !== 1 && stride[k] !== expected) return false
    expected *= shape[k]
  }
  return true
}

/**
 * Copies the view's elements, in row-major order, from `source` (the spanned storage
 * bytes, whose element 0 is the view's offset) into `target` (count·itemSize bytes).
 * Elements are moved as whole 1-, 2-, 4- or 8-byte units, so bit patterns (NaN payloads
 * included) are preserved.
 */
export function gatherRowMajor(
  source: Uint8Array,
  target: Uint8Array,
  shape: readonly number[],
  stride: readonly number[],
  itemSize: number,
): void {
  const units = itemSize === 8 ? 2 : 1
  const from = unitView(source, itemSize)
  const to = unitView(target, itemSize)
  const rank = shape.length
  if (rank === 0) return copyUnits(from, to, 0, 0, units)
  const index = new Array<number>(rank).fill(0)
  const inner = shape[rank - 1]
  const innerStride = stride[rank - 1] * units
  let out = 0
  for (let base = 0; ;) {
    for (let j = 0, at = base; j < inner; j++, at += innerStride, out += units) copyUnits(from, to, at, out, units)
    let k = rank - 2
    for (; k >= 0; k--) {
      base += stride[k] * units
      if (++index[k] < shape[k]) break
      base -= stride[k] * units * shape[k]
      index[k] = 0
    }
    if (k < 0) return
  }
}

type UnitArray = Uint8Array | Uint16Array | Uint32Array

/** The bytes as an array of 1-, 2- or 4-byte units (8-byte elements are two 4-byte units). */
function unitView(bytes: Uint8Array, itemSize: number): UnitArray {
  if (itemSize === 1) return bytes
  if (bytes.byteOffset % 4 !== 0) throw new Error('gatherRowMajor: buffers must be 4-byte aligned')
  if (itemSize === 2) return new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2)
  return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)
}

function copyUnits(from: UnitArray, to: UnitArray, at: number, out: number, units: number): void {
  to[out] = from[at]
  if (units === 2) to[out + 1] = from[at + 1]
}
