/**
 * CF-1.8 metadata helpers (CF Conventions 1.8, §2.6 global attributes, §3 units and
 * standard names, §2.5.1 _FillValue / valid_range, §4 axis). They only build attribute
 * records with the conventional names and checks; the writer encodes them.
 */
import {InputError} from '../errors.js'
import {toolName, toolVersion} from '../version.js'
import type {AttrValue} from './types.js'

export const CF_CONVENTIONS = 'CF-1.8'

export interface CfVariableAttributes {
  /** UDUNITS string, e.g. "m s-1"; "1" for dimensionless. */
  readonly units?: string
  readonly long_name?: string
  /** A name from the CF standard name table. */
  readonly standard_name?: string
  /** Coordinate axis: X, Y, Z or T. */
  readonly axis?: 'X' | 'Y' | 'Z' | 'T'
  /** [min, max]; converted by the writer to the variable's own type. */
  readonly valid_range?: readonly [number, number]
  readonly valid_min?: number
  readonly valid_max?: number
  /** Converted by the writer to the variable's type; NaN is allowed for float/double. */
  readonly _FillValue?: number
  readonly calendar?: string
  readonly comment?: string
  readonly [extra: string]: AttrValue | undefined
}

/** Attributes of one variable in CF order; undefined entries are dropped. */
export function cfVariable(attrs: CfVariableAttributes): Record<string, AttrValue> {
  if (attrs.axis !== undefined && !['X', 'Y', 'Z', 'T'].includes(attrs.axis)) {
    throw new InputError(`expected axis X, Y, Z or T, got ${String(attrs.axis)}`, {field: 'axis'})
  }
  const range = attrs.valid_range
  if (range !== undefined && !(range.length === 2 && range[0] <= range[1])) {
    throw new InputError(`expected valid_range [min, max] with min <= max, got [${range.join(', ')}]`, {
      field: 'valid_range',
    })
  }
  const out: Record<string, AttrValue> = {}
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) out[k] = v
  return out
}

export interface CfGlobalAttributes {
  readonly title?: string
  readonly institution?: string
  readonly source?: string
  readonly references?: string
  readonly comment?: string
  /** Extra history lines, oldest first; a "created by infolens" line is appended. */
  readonly history?: readonly string[]
  /** Creation time (default: now); injectable for reproducible files in tests. */
  readonly createdAt?: Date
  readonly [extra: string]: AttrValue | readonly string[] | Date | undefined
}

/** Global attributes: Conventions = CF-1.8 first, then title…, history and date_created. */
export function cfGlobal(attrs: CfGlobalAttributes = {}): Record<string, AttrValue> {
  const {history = [], createdAt = new Date(), ...rest} = attrs
  const created = createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z')
  const out: Record<string, AttrValue> = {Conventions: CF_CONVENTIONS}
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) out[k] = v as AttrValue
  out.history = [...history, `${created} created by ${toolName} ${toolVersion}`].join('\n')
  out.date_created = created
  return out
}
