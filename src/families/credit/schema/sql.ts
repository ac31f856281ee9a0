/** The report of `credit sql` (schemas/credit-sql.schema.json): the queries for one SQL dialect. */
import {Type} from '@sinclair/typebox'
import {Enum} from '../../../core/report/json-schema.js'
import {ReportSchema} from '../../../core/report/envelope-schema.js'

export const CreditSqlResultSchema = Type.Object({
  dialect: Enum(['duckdb', 'postgres', 'spark', 'bigquery']),
  tested_live: Type.Boolean({
    description: 'duckdb and postgres run in the test suite; spark and bigquery are generated only',
  }),
  queries: Type.Array(Type.Object({name: Type.String(), sql: Type.String()})),
})

export const CreditSqlReportSchema = ReportSchema({
  $id: 'credit-sql.schema.json',
  title: 'infolens credit sql report',
  schema: 'infolens.credit.sql/1',
  result: CreditSqlResultSchema,
})
