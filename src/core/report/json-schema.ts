/**
 * TypeBox builders for the JSON Schema keywords that infolens schemas use and TypeBox writes differently
 * (`enum`, `const`, `oneOf`, `["number", "null"]`, `additionalProperties` maps, `$ref` into `definitions`).
 * Each returns a TypeBox schema whose `Static` type matches what the keyword accepts, so a schema in
 * `src/**\/schema.ts` is both the JSON Schema written to `schemas/` (scripts/build-schemas.ts) and the TypeScript type.
 */
import {Type, type SchemaOptions, type Static, type TSchema, type TUnsafe} from '@sinclair/typebox'

type Json = string | number | boolean | null

/** `{"type": [T's type, "null"]}`: T's keywords (minimum, ...) apply to non-null values. T must have one `type`. */
export function Nullable<T extends TSchema>(schema: T, options: SchemaOptions = {}): TUnsafe<Static<T> | null> {
  if (typeof schema.type !== 'string') throw new TypeError('Nullable needs a schema with a single type')
  return Type.Unsafe<Static<T> | null>({...schema, type: [schema.type, 'null'], ...options})
}

/** `{"enum": values}`. */
export function Enum<const V extends readonly Json[]>(values: V, options: SchemaOptions = {}): TUnsafe<V[number]> {
  return Type.Unsafe<V[number]>({enum: [...values], ...options})
}

/** `{"const": value}` (TypeBox's Literal would add a `type`). */
export function Const<const V extends Json>(value: V, options: SchemaOptions = {}): TUnsafe<V> {
  return Type.Unsafe<V>({const: value, ...options})
}

/** `{"oneOf": schemas}`: exactly one branch matches (TypeBox's Union writes `anyOf`). */
export function OneOf<const T extends readonly TSchema[]>(
  schemas: T,
  options: SchemaOptions = {},
): TUnsafe<Static<T[number]>> {
  return Type.Unsafe<Static<T[number]>>({oneOf: [...schemas], ...options})
}

/** `{"type": "object", "additionalProperties": values}`: a map from any key to `values`. */
export function MapOf<T extends TSchema>(values: T, options: SchemaOptions = {}): TUnsafe<Record<string, Static<T>>> {
  return Type.Unsafe<Record<string, Static<T>>>({type: 'object', additionalProperties: values, ...options})
}

/** `{"type": "object"}` with no constraint on its properties, typed as `T`. */
export function AnyObject<T = Record<string, unknown>>(options: SchemaOptions = {}): TUnsafe<T> {
  return Type.Unsafe<T>({type: 'object', ...options})
}

/** `{"$ref": ref}` (e.g. `#/definitions/num` or `uq.schema.json#/definitions/skipped`), typed as the schema it names. */
export function Ref<T extends TSchema>(ref: string, target: T, options: SchemaOptions = {}): TUnsafe<Static<T>> {
  return Type.Unsafe<Static<T>>({$ref: ref, ...options})
}

/** The `$ref` to `definitions[name]` of the same file, typed as `target`. */
export function Def<T extends TSchema>(name: string, target: T, options: SchemaOptions = {}): TUnsafe<Static<T>> {
  return Ref(`#/definitions/${name}`, target, options)
}
