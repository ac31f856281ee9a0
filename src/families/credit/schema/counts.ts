/** The report of `credit counts` (schemas/credit-counts.schema.json); a `.json` --out also holds the table. */
import {Type} from '@sinclair/typebox'
import {Enum, Nullable} from '../../../core/report/json-schema.js'
import {ReportSchema} from '../../../core/report/envelope-schema.js'

export const CountsRowSchema = Type.Object({
  feature: Type.String(),
  bin_id: Type.Integer({minimum: -1}),
  bin: Type.String({minLength: 1}),
  class: Enum(['good', 'bad', 'all']),
  count: Type.Integer({minimum: 0}),
  weight: Type.Optional(Type.Number({minimum: 0})),
})

export const CreditCountsResultSchema = Type.Object({
  target: Nullable(Type.String(), {description: 'target column; null when DATA has none (class all)'}),
  classes: Type.Boolean(),
  engine: Type.String({description: 'in-process, duckdb or postgres'}),
  features: Type.Integer({minimum: 0}),
  rows: Type.Number({minimum: 0}),
  count_rows: Type.Integer({minimum: 0}),
  out: Nullable(Type.String()),
  table: Type.Optional(
    Type.Object(
      {rows: Type.Array(CountsRowSchema)},
      {description: 'only in a .json --out file: the counts table itself'},
    ),
  ),
})

export const CreditCountsReportSchema = ReportSchema({
  $id: 'credit-counts.schema.json',
  title: 'infolens credit counts report',
  schema: 'infolens.credit.counts/1',
  result: CreditCountsResultSchema,
})
