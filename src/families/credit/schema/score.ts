/** The report of `credit score` (schemas/credit-score.schema.json). */
import {Type} from '@sinclair/typebox'
import {OneOf} from '../../../core/report/json-schema.js'
import {ReportSchema} from '../../../core/report/envelope-schema.js'

export const CreditScoreResultSchema = Type.Object({
  rows: Type.Integer(),
  metrics: OneOf([
    Type.Null(),
    Type.Object({auc: Type.Number({minimum: 0, maximum: 1}), ks: Type.Number(), gini: Type.Number()}),
  ]),
  mean_score: Type.Unknown(),
  min_score: Type.Unknown(),
  max_score: Type.Unknown(),
})

export const CreditScoreReportSchema = ReportSchema({
  $id: 'credit-score.schema.json',
  title: 'infolens credit score report',
  schema: 'infolens.credit.score/1',
  result: CreditScoreResultSchema,
})
