/**
 * The report envelope (schemas/envelope.schema.json): fields shared by every infolens report, and
 * `ReportSchema`, which writes one command's report schema as the envelope plus its `schema` id and `result`.
 */
import {Type, type Static, type TSchema, type TUnsafe} from '@sinclair/typebox'
import {AnyObject, Const, MapOf, OneOf} from './json-schema.js'

export const EngineSchema = Type.Object({
  /** The tfjs backend that ran (`tensorflow`, `wasm`, `cpu`), or `none` when the command used no tensors. */
  backend: Type.String(),
  /** Float64 linear algebra implementation: `lapack` (native addon) or `typescript`. */
  lapack: Type.String(),
  threads: Type.Integer({minimum: 1}),
  tfjsVersion: Type.Optional(Type.String()),
})

export const ReportInputSchema = Type.Object({
  path: Type.String(),
  bytes: Type.Integer({minimum: 0}),
  sha256: OneOf([Type.String({pattern: '^[0-9a-f]{64}$'}), Type.Null()], {
    description: 'null when run with --no-checksum',
  }),
})

export const EnvelopeSchema = Type.Object(
  {
    schema: Type.String({pattern: '^infolens\\.[a-z-]+(\\.[a-z-]+)?/[0-9]+$'}),
    tool: Type.Object({name: Const('infolens'), version: Type.String()}),
    command: Type.Array(Type.String()),
    createdAt: Type.String({format: 'date-time'}),
    inputs: Type.Array(ReportInputSchema),
    options: AnyObject<Record<string, unknown>>(),
    engine: EngineSchema,
    seed: Type.Optional(Type.Integer()),
    timings: MapOf(Type.Number({minimum: 0})),
    warnings: Type.Array(Type.String()),
    result: Type.Unknown(),
  },
  {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'envelope.schema.json',
    title: 'infolens report envelope',
    description: "Fields shared by every infolens report; each family's schema adds `result`.",
  },
)

export type Envelope = Static<typeof EnvelopeSchema>

/** One command's report: the envelope with its `result` typed. */
export type ReportOf<R> = Omit<Envelope, 'result'> & {result: R}

export interface ReportSchemaSpec<R extends TSchema> {
  /** The file name in schemas/, also the schema's `$id`. */
  readonly $id: string
  readonly title: string
  readonly description?: string
  /** The report's `schema` id, e.g. `infolens.spectral/1`. */
  readonly schema: string
  /** Envelope fields this report always has (e.g. `seed`). */
  readonly required?: readonly string[]
  /** Named parts, referenced as `#/definitions/<name>` (see `Def`). */
  readonly definitions?: Readonly<Record<string, TSchema>>
  readonly seed?: TSchema
  readonly options?: TSchema
  readonly result: R
}

/** A report schema document: `allOf` the envelope, then this command's `schema` id, `options` and `result`. */
export function ReportSchema<R extends TSchema>(spec: ReportSchemaSpec<R>): TUnsafe<ReportOf<Static<R>>> {
  return Type.Unsafe<ReportOf<Static<R>>>({
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: spec.$id,
    title: spec.title,
    ...(spec.description === undefined ? {} : {description: spec.description}),
    allOf: [{$ref: 'envelope.schema.json'}],
    ...(spec.required === undefined ? {} : {required: [...spec.required]}),
    ...(spec.definitions === undefined ? {} : {definitions: {...spec.definitions}}),
    properties: {
      schema: {const: spec.schema},
      ...(spec.seed === undefined ? {} : {seed: spec.seed}),
      ...(spec.options === undefined ? {} : {options: spec.options}),
      result: spec.result,
    },
  })
}

/** A standalone document (an input format): `$schema` first, then the schema's own keywords. */
export function DocumentSchema<T extends TSchema>(
  head: {readonly $id: string; readonly title: string; readonly description?: string},
  schema: T,
): T {
  return {$schema: 'http://json-schema.org/draft-07/schema#', ...head, ...schema}
}
