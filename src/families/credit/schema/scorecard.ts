/** The report of `credit scorecard` (schemas/credit-scorecard.schema.json). */
import {Type} from '@sinclair/typebox'
import {Enum} from '../../../core/report/json-schema.js'
import {ReportSchema} from '../../../core/report/envelope-schema.js'
import {FeatureBinningSchema} from './bin.js'

export const CreditScorecardResultSchema = Type.Object({
  scaling: Type.Object({
    pdo: Type.Unknown(),
    base_points: Type.Unknown(),
    base_odds: Type.Unknown(),
    factor: Type.Unknown(),
    offset: Type.Unknown(),
  }),
  intercept: Type.Object({
    coefficient: Type.Unknown(),
    se: Type.Unknown(),
    z: Type.Unknown(),
    p: Type.Unknown(),
  }),
  features: Type.Array(
    Type.Object({
      binning: FeatureBinningSchema,
      points: Type.Array(Type.Number()),
      feature: Type.Unknown(),
      iv: Type.Unknown(),
      coefficient: Type.Unknown(),
      se: Type.Unknown(),
      z: Type.Unknown(),
      p: Type.Unknown(),
      unmatched_points: Type.Unknown(),
    }),
  ),
  pd_edges: Type.Array(Type.Number()),
  train: Type.Object({
    auc: Type.Number({minimum: 0, maximum: 1}),
    ks: Type.Number(),
    gini: Type.Number(),
    rows: Type.Unknown(),
    mean_score: Type.Unknown(),
  }),
  test: Type.Optional(
    Type.Object({
      auc: Type.Number({minimum: 0, maximum: 1}),
      ks: Type.Number(),
      gini: Type.Number(),
      rows: Type.Unknown(),
      mean_score: Type.Unknown(),
    }),
  ),
  score_psi: Type.Optional(
    Type.Object({
      bins: Type.Optional(Type.Integer()),
      psi: Type.Number({minimum: 0}),
      psi_se_delta: Type.Number({minimum: 0}),
      chi2_stat: Type.Optional(Type.Number()),
      chi2_df: Type.Optional(Type.Integer()),
      chi2_p: Type.Number(),
      critical_psi: Type.Optional(Type.Number()),
      drift: Type.Optional(Type.Boolean()),
      rule_of_thumb: Type.Optional(Enum(['stable', 'investigate', 'shift'])),
      test_counts: Type.Unknown(),
    }),
  ),
  target: Type.Unknown(),
  bad_label: Type.Unknown(),
  woe_sign: Type.Unknown(),
  iterations: Type.Unknown(),
  converged: Type.Unknown(),
  dropped: Type.Unknown(),
})

export const CreditScorecardReportSchema = ReportSchema({
  $id: 'credit-scorecard.schema.json',
  title: 'infolens credit scorecard (the --card file of credit score)',
  schema: 'infolens.credit.scorecard/1',
  result: CreditScorecardResultSchema,
})
