/** The report of `credit fairness` (schemas/credit-fairness.schema.json). */
import {Type} from '@sinclair/typebox'
import {Enum, Nullable, OneOf} from '../../../core/report/json-schema.js'
import {ReportSchema} from '../../../core/report/envelope-schema.js'

export const CreditFairnessResultSchema = Type.Object({
  group_default_iv: Type.Object({
    iv: Type.Number(),
    se: Type.Number(),
    upper: Type.Number(),
    bins: Type.Unknown(),
  }),
  score_iv: OneOf([
    Type.Null(),
    Type.Object({iv: Type.Number(), se: Type.Number(), upper: Type.Number(), bins: Type.Unknown()}),
  ]),
  proxies: Type.Array(
    Type.Object({
      feature: Type.Unknown(),
      iv_target: Type.Unknown(),
      iv_protected: Type.Unknown(),
      se_protected: Type.Unknown(),
      bins: Type.Unknown(),
    }),
  ),
  frontier: Type.Array(
    Type.Object({
      epsilon: Nullable(Type.Number()),
      kind: Enum(['point', 'robust']),
      solver: Enum(['enumeration', 'highs']),
      iv_total: Type.Unknown(),
      cost: Type.Unknown(),
      features: Type.Unknown(),
    }),
  ),
  protected: Type.Unknown(),
  rows: Type.Unknown(),
  group_rows: Type.Unknown(),
  z: Type.Unknown(),
})

export const CreditFairnessReportSchema = ReportSchema({
  $id: 'credit-fairness.schema.json',
  title: 'infolens credit fairness report',
  schema: 'infolens.credit.fairness/1',
  result: CreditFairnessResultSchema,
})
