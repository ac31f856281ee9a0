/** The report of `credit psi` (schemas/credit-psi.schema.json). */
import {Type} from '@sinclair/typebox'
import {Enum} from '../../../core/report/json-schema.js'
import {ReportSchema} from '../../../core/report/envelope-schema.js'

export const CreditPsiResultSchema = Type.Object({
  fixed_reference: Type.Optional(
    Type.Boolean({
      description:
        'EXPECTED treated as a fixed population: SE without its variance term, T = N_A·PSI, critical PSI χ²(k−1, 1−α)/N_A',
    }),
  ),
  features: Type.Array(
    Type.Object({
      bins: Type.Integer(),
      psi: Type.Number({minimum: 0}),
      psi_se_delta: Type.Number({minimum: 0}),
      chi2_stat: Type.Number(),
      chi2_df: Type.Optional(Type.Integer()),
      chi2_p: Type.Number(),
      critical_psi: Type.Number(),
      drift: Type.Boolean(),
      rule_of_thumb: Type.Optional(Enum(['stable', 'investigate', 'shift'])),
      feature: Type.String(),
      table: Type.Array(
        Type.Object({
          bin: Type.Unknown(),
          expected: Type.Unknown(),
          actual: Type.Unknown(),
          expected_share: Type.Unknown(),
          actual_share: Type.Unknown(),
        }),
      ),
    }),
  ),
  drifted: Type.Array(Type.String()),
  expected_rows: Type.Unknown(),
  actual_rows: Type.Unknown(),
  alpha: Type.Unknown(),
})

export const CreditPsiReportSchema = ReportSchema({
  $id: 'credit-psi.schema.json',
  title: 'infolens credit psi report',
  schema: 'infolens.credit.psi/1',
  result: CreditPsiResultSchema,
})
