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
 * Elements are moved as whole 1-, 2- or 4-byte units (8-byte ones as two 4-byte units),
 * so bit patterns (NaN payloads included) are preserved. The two innermost dimensions
 * are copied in square tiles, so a transposed matrix is read and written a cache line
 * at a time rather than one stride apart per element.
 */
export function gatherRowMajor(
  source: Uint8Array,
  target: Uint8Array,
  shape: readonly number[],
  stride: readonly number[],
  itemSize: number,
): void {
  const units = itemSize === 8 ? 2 : 1
  const plane: Plane = {
    from: unitView(source, itemSize),
    to: unitView(target, itemSize),
    units,
    rows: shape.length >= 2 ? shape[shape.length - 2] : 1,
    cols: shape.length >= 1 ? shape[shape.length - 1] : 1,
    rowStride: shape.length >= 2 ? stride[shape.length - 2] * units : 0,
    colStride: shape.length >= 1 ? stride[shape.length - 1] * units : 0,
  }
  const outerShape = shape.slice(0, Math.max(0, shape.length - 2))
  const outerStride = stride.slice(0, outerShape.length).map((s) => s * units)
  const planeUnits = plane.rows * plane.cols * units
  let out = 0
  forEachOffset(outerShape, outerStride, (base) => {
    copyPlane(plane, base, out)
    out += planeUnits
  })
}

type UnitArray = Uint8Array | Uint16Array | Uint32Array

interface Plane {
  readonly from: UnitArray
  readonly to: UnitArray
  readonly units: number
  readonly rows: number
  readonly cols: number
  readonly rowStride: number
  readonly colStride: number
}

/** Calls `visit` with the source offset of every index of `shape`, in row-major order (once for rank 0). */
function forEachOffset(shape: readonly number[], stride: readonly number[], visit: (offset: number) => void): void {
  const index = new Array<number>(shape.length).fill(0)
  for (let offset = 0; ;) {
    visit(offset)
    let k = shape.length - 1
    for (; k >= 0; k--) {
      offset += stride[k]
      if (++index[k] < shape[k]) break
      offset -= stride[k] * shape[k]
      index[k] = 0
    }
    if (k < 0) return
  }
}

const TILE = 64

/** One rows × cols plane starting at source unit `base`, written row-major from target unit `out`. */
function copyPlane(p: Plane, base: number, out: number): void {
  const {from, to, units, rows, cols, rowStride, colStride} = p
  for (let i0 = 0; i0 < rows; i0 += TILE) {
    const iEnd = Math.min(i0 + TILE, rows)
    for (let j0 = 0; j0 < cols; j0 += TILE) {
      const jEnd = Math.min(j0 + TILE, cols)
      for (let i = i0; i < iEnd; i++) {
        let src = base + i * rowStride + j0 * colStride
        let dst = out + (i * cols + j0) * units
        if (units === 1) {
          for (let j = j0; j < jEnd; j++, src += colStride, dst++) to[dst] = from[src]
        } else {
          for (let j = j0; j < jEnd; j++, src += colStride, dst += 2) {
            to[dst] = from[src]
            to[dst + 1] = from[src + 1]
          }
        }
      }
    }
  }
}

/** The bytes as an array of 1-, 2- or 4-byte units (8-byte elements are two 4-byte units). */
function unitView(bytes: Uint8Array, itemSize: number): UnitArray {
  if (itemSize === 1) return bytes
  if (bytes.byteOffset % 4 !== 0) throw new Error('gatherRowMajor: buffers must be 4-byte aligned')
  if (itemSize === 2) return new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2)
  return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)
}
