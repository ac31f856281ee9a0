/** The report of `uq evaluate` (schemas/uq-evaluate.schema.json). */
import {Type} from '@sinclair/typebox'
import {Def, Nullable, Ref} from '../../../core/report/json-schema.js'
import {ReportSchema} from '../../../core/report/envelope-schema.js'
import {UqScoreSkippedSchema} from './score.js'

export const UqEvaluateMetricSchema = Nullable(Type.Number())

export const UqEvaluateSummarySchema = Type.Object({
  mean: Nullable(Type.Number()),
  std: Nullable(Type.Number({minimum: 0})),
  n: Type.Integer({minimum: 0}),
})

export const UqEvaluateResultSchema = Type.Object({
  items: Type.Integer({minimum: 0}),
  accuracy: Type.Number({minimum: 0, maximum: 1}),
  resamples: Type.Integer({minimum: 0}),
  temperature: Nullable(Type.Number()),
  skipped: Ref('uq.schema.json#/definitions/skipped', UqScoreSkippedSchema),
  measures: Type.Array(
    Type.Object({
      measure: Type.String(),
      items: Type.Integer({minimum: 0}),
      auroc: Def('metric', UqEvaluateMetricSchema, {description: 'ROC AUC, confidence = -U, positive = correct'}),
      prr: Def('metric', UqEvaluateMetricSchema, {
        description: 'standard prediction-rejection ratio (Malinin & Gales)',
      }),
      ap: Def('metric', UqEvaluateMetricSchema, {description: 'average precision, what the released code calls PRR'}),
      brier: Def('metric', UqEvaluateMetricSchema, {description: 'Brier after in-sample isotonic calibration'}),
      bootstrap: Type.Object(
        {
          auroc: Def('summary', UqEvaluateSummarySchema),
          prr: Def('summary', UqEvaluateSummarySchema),
          ap: Def('summary', UqEvaluateSummarySchema),
          brier: Def('summary', UqEvaluateSummarySchema),
        },
        {additionalProperties: Def('summary', UqEvaluateSummarySchema)},
      ),
    }),
  ),
})

export const UqEvaluateReportSchema = ReportSchema({
  $id: 'uq-evaluate.schema.json',
  title: 'infolens uq evaluate report',
  schema: 'infolens.uq.evaluate/1',
  definitions: {metric: UqEvaluateMetricSchema, summary: UqEvaluateSummarySchema},
  result: UqEvaluateResultSchema,
})
