/** The `infolens.netcdf/1` report of `netcdf dump` (schemas/netcdf.schema.json). */
import {Type} from '@sinclair/typebox'
import {Def, Enum, Nullable} from '../report/json-schema.js'
import {ReportSchema} from '../report/envelope-schema.js'

export const NetcdfNcTypeSchema = Enum(['byte', 'char', 'short', 'int', 'float', 'double'])

export const NetcdfJsonNumberSchema = Type.Union([Type.Number(), Enum(['NaN', 'Infinity', '-Infinity'])])

export const NetcdfAttributeSchema = Type.Object(
  {
    name: Type.String({minLength: 1}),
    type: Def('ncType', NetcdfNcTypeSchema),
    value: Type.Union([Type.String(), Type.Array(Def('jsonNumber', NetcdfJsonNumberSchema), {minItems: 1})]),
  },
  {additionalProperties: false},
)

export const NetcdfSummarySchema = Type.Object(
  {
    count: Type.Integer({minimum: 0}),
    valid: Type.Integer({minimum: 0}),
    min: Nullable(Type.Number()),
    max: Nullable(Type.Number()),
    mean: Nullable(Type.Number()),
    nanCount: Type.Integer({minimum: 0}),
    infCount: Type.Integer({minimum: 0}),
    fillCount: Type.Integer({minimum: 0}),
  },
  {additionalProperties: false},
)

export const NetcdfVariableSchema = Type.Object(
  {
    name: Type.String({minLength: 1}),
    type: Def('ncType', NetcdfNcTypeSchema),
    dimensions: Type.Array(Type.String()),
    shape: Type.Array(Type.Integer({minimum: 0})),
    record: Type.Boolean(),
    attributes: Type.Array(Def('attribute', NetcdfAttributeSchema)),
    summary: Type.Union([Type.Null(), Def('summary', NetcdfSummarySchema)]),
  },
  {additionalProperties: false},
)

export const NetcdfResultSchema = Type.Object(
  {
    file: Type.String(),
    format: Enum(['classic', '64bit-offset']),
    formatVersion: Enum([1, 2]),
    numRecords: Type.Integer({minimum: 0}),
    dimensions: Type.Array(
      Type.Object(
        {name: Type.String({minLength: 1}), size: Type.Integer({minimum: 0}), unlimited: Type.Boolean()},
        {additionalProperties: false},
      ),
    ),
    attributes: Type.Array(Def('attribute', NetcdfAttributeSchema)),
    variables: Type.Array(NetcdfVariableSchema),
    values: Type.Optional(
      Type.Object(
        {
          variable: Type.String(),
          type: Def('ncType', NetcdfNcTypeSchema),
          shape: Type.Array(Type.Integer({minimum: 0})),
          values: Type.Union([Type.Array(Def('jsonNumber', NetcdfJsonNumberSchema)), Type.Array(Type.String())]),
        },
        {additionalProperties: false},
      ),
    ),
  },
  {additionalProperties: false},
)

export const NetcdfOptionsSchema = Type.Object({values: Nullable(Type.String())})

export const NetcdfReportSchema = ReportSchema({
  $id: 'netcdf.schema.json',
  title: 'infolens netcdf dump report',
  description:
    'Header and variable summary of a NetCDF-3 file. NaN and infinities are the strings "NaN", "Infinity", "-Infinity".',
  schema: 'infolens.netcdf/1',
  definitions: {
    ncType: NetcdfNcTypeSchema,
    jsonNumber: NetcdfJsonNumberSchema,
    attribute: NetcdfAttributeSchema,
    summary: NetcdfSummarySchema,
  },
  options: NetcdfOptionsSchema,
  result: NetcdfResultSchema,
})
