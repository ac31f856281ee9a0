/**
 * The content of `infolens netcdf dump`: format, dimensions, attributes, variables
 * with a numeric summary each, and optionally every value of one variable. JSON has
 * no NaN or infinities, so those are written as the strings "NaN", "Infinity" and
 * "-Infinity" (never null, which would hide a NaN `_FillValue`).
 */
import type {Static} from '@sinclair/typebox'
import type {NetcdfAttributeSchema, NetcdfResultSchema, NetcdfSummarySchema, NetcdfVariableSchema} from './schema.js'
import type {NetcdfAttribute, NetcdfFile, NetcdfValues, NetcdfVariableInfo} from './reader.js'
import {ncDefaultFill} from './types.js'

export type JsonNumber = number | 'NaN' | 'Infinity' | '-Infinity'

export type DumpAttribute = Static<typeof NetcdfAttributeSchema>

/** Summary of a numeric variable; min/max/mean over values that are finite and not the fill value.
 *  `fillCount`: values equal to `_FillValue` (or the type's default fill when there is none). */
export type VariableSummary = Static<typeof NetcdfSummarySchema>

export type DumpVariable = Static<typeof NetcdfVariableSchema>

/** `values` is present with --values VAR: numbers in C order, or one string per row for char variables. */
export type NetcdfDumpResult = Static<typeof NetcdfResultSchema>

export function jsonNumber(x: number): JsonNumber {
  if (Number.isNaN(x)) return 'NaN'
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity'
  return x
}

function dumpAttribute(a: NetcdfAttribute): DumpAttribute {
  return {name: a.name, type: a.type, value: typeof a.value === 'string' ? a.value : a.value.map(jsonNumber)}
}

/** The fill value readers treat as missing: `_FillValue`, else the type's default. */
export function fillValueOf(v: NetcdfVariableInfo): number {
  const attr = v.attributes.find((a) => a.name === '_FillValue')
  return attr && typeof attr.value !== 'string' ? attr.value[0] : ncDefaultFill[v.type]
}

/** One pass: counts, extremes and a Neumaier-compensated mean (Neumaier 1974). */
export function summarise(values: ArrayLike<number>, fill: number): VariableSummary {
  let valid = 0,
    nanCount = 0,
    infCount = 0,
    fillCount = 0
  let min = Infinity,
    max = -Infinity,
    sum = 0,
    compensation = 0
  // Fill values are compared in the variable's own precision (floats were rounded on write).
  for (let i = 0; i < values.length; i++) {
    const x = values[i]
    if (Number.isNaN(x)) nanCount++
    else if (x === fill) fillCount++
    else if (!Number.isFinite(x)) infCount++
    else {
      valid++
      if (x < min) min = x
      if (x > max) max = x
      const t = sum + x
      compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum
      sum = t
    }
  }
  const some = valid > 0
  return {
    count: values.length,
    valid,
    min: some ? min : null,
    max: some ? max : null,
    mean: some ? (sum + compensation) / valid : null,
    nanCount,
    infCount,
    fillCount,
  }
}

/** Char data as one string per row of the last dimension, trailing NULs removed. */
export function charRows(bytes: Uint8Array, shape: readonly number[]): string[] {
  const width = shape.length === 0 ? 1 : shape[shape.length - 1]
  const rows: string[] = []
  for (let at = 0; at < bytes.length; at += width) {
    rows.push(
      Buffer.from(bytes.subarray(at, at + width))
        .toString('utf8')
        .replace(/\0+$/, ''),
    )
  }
  return rows
}

function fillOfType(v: NetcdfVariableInfo): number {
  // A float variable stores its fill rounded to float32.
  return v.type === 'float' ? Math.fround(fillValueOf(v)) : fillValueOf(v)
}

function valuesOf(v: NetcdfVariableInfo, data: NetcdfValues): JsonNumber[] | string[] {
  return v.type === 'char' ? charRows(data as Uint8Array, v.shape) : Array.from(data as ArrayLike<number>, jsonNumber)
}

/** Builds the dump of an opened file; `valuesOf` names a variable to print in full. */
export function buildDump(nc: NetcdfFile, options: {values?: string} = {}): NetcdfDumpResult {
  const h = nc.header
  const result: NetcdfDumpResult = {
    file: nc.path,
    format: h.format,
    formatVersion: h.version,
    numRecords: h.numRecords,
    dimensions: h.dimensions.map((d) => ({...d})),
    attributes: h.attributes.map(dumpAttribute),
    variables: h.variables.map((v) => ({
      name: v.name,
      type: v.type,
      dimensions: [...v.dimensions],
      shape: [...v.shape],
      record: v.record,
      attributes: v.attributes.map(dumpAttribute),
      summary: v.type === 'char' ? null : summarise(nc.read(v.name) as ArrayLike<number>, fillOfType(v)),
    })),
  }
  if (options.values !== undefined) {
    const v = nc.variable(options.values)
    result.values = {variable: v.name, type: v.type, shape: [...v.shape], values: valuesOf(v, nc.read(v.name))}
  }
  return result
}
