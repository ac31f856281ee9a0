/** The report of `credit bin` (schemas/credit-bin.schema.json). */
import {Type} from '@sinclair/typebox'
import {Const, Enum, Nullable, OneOf} from '../../../core/report/json-schema.js'
import {ReportSchema} from '../../../core/report/envelope-schema.js'

/** A feature's binning as `credit bin` writes it and `psi`, `scorecard` and `fairness` read it back. */
export const FeatureBinningSchema = OneOf(
  [
    Type.Object({
      type: Type.Optional(Const('numeric')),
      edges: Type.Unknown(),
      closed: Type.Unknown(),
    }),
    Type.Object({type: Type.Optional(Const('categorical')), groups: Type.Unknown()}),
  ],
  {
    type: 'object',
    required: ['feature', 'type', 'method', 'missing', 'special', 'labels', 'woe'],
    properties: {
      type: {enum: ['numeric', 'categorical']},
      closed: {enum: ['right', 'left']},
      edges: {type: 'array', items: {type: 'number'}},
      groups: {type: 'array', items: {type: 'array', items: {type: 'string'}}},
      special: {type: 'array', items: {type: 'string'}},
      labels: {type: 'array', items: {type: 'string'}},
      woe: {type: 'array', items: {type: 'number'}},
      missing: {type: 'boolean'},
    },
  },
)

export const CreditBinResultSchema = Type.Object({
  rows: Type.Integer(),
  goods: Type.Number(),
  bads: Type.Number(),
  method: Enum(['quantile', 'tree', 'chimerge', 'optimal', 'xgb1']),
  woe_sign: Enum(['good-over-bad', 'bad-over-good']),
  features: Type.Array(
    Type.Object({
      feature: Type.String(),
      bins: Type.Integer(),
      iv: Type.Number({minimum: 0}),
      iv_bias_corrected: Type.Number(),
      iv_se_delta: Type.Number({minimum: 0}),
      iv_se_ncchi2: Type.Number({minimum: 0}),
      iv_se_binwise: Type.Number({minimum: 0}),
      chi2_stat: Type.Number(),
      chi2_df: Type.Integer(),
      chi2_p: Type.Number({minimum: 0, maximum: 1}),
      thresholds: Type.Array(
        Type.Object({threshold: Type.Number(), z: Nullable(Type.Number()), p: Nullable(Type.Number())}),
      ),
      ci: Type.Array(Type.Number(), {minItems: 2, maxItems: 2}),
      strength: Enum(['useless', 'weak', 'medium', 'strong']),
      table: Type.Array(
        Type.Object({
          bin: Type.String(),
          count: Type.Number({minimum: 0}),
          count_share: Type.Number(),
          goods: Type.Number(),
          bads: Type.Number(),
          bad_rate: Nullable(Type.Number()),
          woe: Type.Number(),
          iv: Type.Number({minimum: 0}),
          js: Type.Number({minimum: 0}),
        }),
      ),
      binning: FeatureBinningSchema,
      notes: Type.Array(Type.String()),
      type: Type.Unknown(),
      ci_level: Type.Unknown(),
    }),
  ),
  target: Type.Unknown(),
  bad_label: Type.Unknown(),
  good_label: Type.Unknown(),
  zero_fill: Type.Unknown(),
})

export const CreditBinReportSchema = ReportSchema({
  $id: 'credit-bin.schema.json',
  title: 'infolens credit bin report (also the binning file of psi, scorecard, fairness)',
  schema: 'infolens.credit.bin/1',
  result: CreditBinResultSchema,
})
