/**
 * NetCDF-3 external types (CDF-1/CDF-2): codes, sizes, value ranges and default
 * fill values, as in the Unidata "NetCDF Classic and 64-bit Offset File Format"
 * specification (netcdf-c `netcdf.h`: NC_FILL_BYTE … NC_FILL_DOUBLE).
 */

export type NcType = 'byte' | 'char' | 'short' | 'int' | 'float' | 'double'
export type NcNumericType = Exclude<NcType, 'char'>

export const ncTypes: readonly NcType[] = ['byte', 'char', 'short', 'int', 'float', 'double']

/** nc_type codes written in the header. */
export const ncTypeCode: Readonly<Record<NcType, number>> = {byte: 1, char: 2, short: 3, int: 4, float: 5, double: 6}

/** Bytes per value on disk. */
export const ncTypeSize: Readonly<Record<NcType, number>> = {byte: 1, char: 1, short: 2, int: 4, float: 4, double: 8}

/** Default fill values (used when a variable has no `_FillValue`); char fills with NUL. */
export const ncDefaultFill: Readonly<Record<NcType, number>> = {
  byte: -127,
  char: 0,
  short: -32767,
  int: -2147483647,
  float: 9.969209968386869e36,
  double: 9.969209968386869e36,
}

/** Inclusive ranges of the integer types (byte is signed in NetCDF-3). */
export const ncIntegerRange: Readonly<Partial<Record<NcType, readonly [number, number]>>> = {
  byte: [-128, 127],
  short: [-32768, 32767],
  int: [-2147483648, 2147483647],
}

export function ncTypeFromCode(code: number): NcType | undefined {
  return ncTypes.find((t) => ncTypeCode[t] === code)
}

/**
 * An attribute value: text becomes NC_CHAR, a plain number or number array
 * NC_DOUBLE; other types are explicit. Integers are int32 at most: NetCDF-3 has no
 * int64, which is why upstream fish-school files could not be converted (school.md §3.2).
 */
export type AttrValue = string | number | readonly number[] | TypedAttr

export interface TypedAttr {
  readonly type: NcNumericType
  readonly values: readonly number[]
}

/** `{type: 'int', values}`: an NC_INT (int32) attribute. */
export const ncInt = (...values: number[]): TypedAttr => ({type: 'int', values})
export const ncShort = (...values: number[]): TypedAttr => ({type: 'short', values})
export const ncByte = (...values: number[]): TypedAttr => ({type: 'byte', values})
export const ncFloat = (...values: number[]): TypedAttr => ({type: 'float', values})
export const ncDouble = (...values: number[]): TypedAttr => ({type: 'double', values})

/** Values a variable accepts: numbers for numeric types, text or raw bytes for char. */
export type VariableData = ArrayLike<number> | string | Uint8Array

/**
 * Writes `count` values of `type` big-endian into `view` at `offset`. Integer types
 * take integers within range; NaN is written as `fill` (integers cannot hold NaN).
 * Returns the index of the first value that cannot be represented, or -1.
 */
export function encodeValues(
  type: NcNumericType,
  values: ArrayLike<number>,
  view: DataView,
  offset: number,
  fill: number,
): number {
  const n = values.length
  switch (type) {
    case 'double':
      for (let i = 0; i < n; i++) view.setFloat64(offset + 8 * i, values[i])
      return -1
    case 'float':
      for (let i = 0; i < n; i++) view.setFloat32(offset + 4 * i, values[i])
      return -1
    default: {
      const [lo, hi] = ncIntegerRange[type]!
      const size = ncTypeSize[type]
      for (let i = 0; i < n; i++) {
        let v = values[i]
        if (Number.isNaN(v)) v = fill
        if (!Number.isInteger(v) || v < lo || v > hi) return i
        if (type === 'int') view.setInt32(offset + size * i, v)
        else if (type === 'short') view.setInt16(offset + size * i, v)
        else view.setInt8(offset + i, v)
      }
      return -1
    }
  }
}

/** Repeats the fill value of `type` over `count` slots starting at `offset`. */
export function encodeFill(type: NcType, fill: number, view: DataView, offset: number, count: number): void {
  if (type === 'char') {
    for (let i = 0; i < count; i++) view.setUint8(offset + i, fill & 0xff)
    return
  }
  const one = [fill]
  for (let i = 0; i < count; i++) encodeValues(type, one, view, offset + i * ncTypeSize[type], fill)
}
